package org.gonghui.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs real RS256 tokens for a service under test, shaped like the gateway's: the service verifies them with the
 * public key this class writes to a PEM file (in the suite it reads the gateway's JWKS instead).
 */
public final class TestTokens {

    public static final String ISSUER = "https://gonghui.test/gateway";
    public static final String AUDIENCE = "gonghui";
    public static final String KEY_ID = "test-key";

    private static KeyPair keys;
    private static Path publicKeyPem;

    private TestTokens() {
    }

    public static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    public static synchronized Path publicKeyPem() {
        if (publicKeyPem == null) {
            try {
                publicKeyPem = Files.createTempFile("gonghui-test-jwt", ".pem");
                publicKeyPem.toFile().deleteOnExit();
                Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return publicKeyPem;
    }

    /** A valid 15-minute token for {@code username} at {@code org} with {@code roles}. */
    public static String token(String username, String org, String... roles) {
        return sign(claims(username, org, roles));
    }

    /** A volunteer account's token bound to its volunteer profile. */
    public static String volunteerToken(String username, String org, UUID volunteerId) {
        return sign(claims(username, org, "volunteer").claim("volunteerId", volunteerId.toString()));
    }

    /** The claims of {@link #token}, to alter before signing (forged-token tests). */
    public static JwtClaimsBuilder claims(String username, String org, String... roles) {
        Instant now = Instant.now();
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.nameUUIDFromBytes(
                username.getBytes()).toString()).upn(username).groups(new HashSet<>(Arrays.asList(roles)))
                .claim("jti", UUID.randomUUID().toString()).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(15)));
        if (org != null) {
            builder.claim("org", org);
        }
        return builder;
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(keys().getPrivate());
    }
}
