package org.gonghui.gateway.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Token issuing: who we are, which key signs, which keys still verify, how long tokens live. */
@ConfigMapping(prefix = "gonghui.jwt")
public interface JwtConfig {

    /** The {@code iss} claim; the services verify exactly this value. */
    String issuer();

    @WithDefault("gonghui")
    String audience();

    /** PKCS#8 PEM RSA private key that signs new tokens. */
    Optional<Path> signingKeyFile();

    /** X.509 (SubjectPublicKeyInfo) PEM public key of the signing key. */
    Optional<Path> verifyKeyFile();

    Optional<String> keyId();

    /** The key that signed tokens before the last rotation: still published so nobody is logged out. */
    Optional<Path> previousVerifyKeyFile();

    Optional<String> previousKeyId();

    /** Local runs only: generate a key pair into {@link #generatedKeyDir()} when no key file is configured. */
    @WithDefault("false")
    boolean generateIfMissing();

    @WithDefault("../.suite/jwt-dev")
    Path generatedKeyDir();

    @WithDefault("15m")
    Duration accessTokenLifetime();

    @WithDefault("8h")
    Duration refreshTokenLifetime();

    /**
     * The longest a login lasts, however often it is refreshed (issue 19.7): each refresh token expires at the
     * earlier of its own lifetime and this long after the family's first login.
     */
    @WithDefault("7d")
    Duration refreshFamilyLifetime();
}
