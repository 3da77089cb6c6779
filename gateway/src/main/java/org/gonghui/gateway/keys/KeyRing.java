package org.gonghui.gateway.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The gateway's signing key and every public key that still verifies (current and previous), loaded once at start so
 * a missing or mismatched key fails the start instead of the first login.
 */
@Startup
@Singleton
public class KeyRing {

    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    /** A public key published in the JWKS under its key id. */
    public record PublishedKey(String kid, RSAPublicKey key) {
    }

    private final String currentKid;
    private final PrivateKey signingKey;
    private final List<PublishedKey> published;

    @Inject
    public KeyRing(JwtConfig config) {
        Path signingFile = config.signingKeyFile().orElse(null);
        Path verifyFile = config.verifyKeyFile().orElse(null);
        String kid = config.keyId().orElse(null);
        if (signingFile == null && config.generateIfMissing()) {
            Path dir = config.generatedKeyDir();
            signingFile = dir.resolve("signing-key.pem");
            verifyFile = dir.resolve("signing-key.pub.pem");
            kid = generateIfAbsent(dir, signingFile, verifyFile);
        }
        if (signingFile == null || verifyFile == null || kid == null || kid.isBlank()) {
            throw new IllegalStateException("token signing needs gonghui.jwt.signing-key-file, verify-key-file and "
                    + "key-id (GONGHUI_JWT_SIGNING_KEY_FILE, GONGHUI_JWT_VERIFY_KEY_FILE, GONGHUI_JWT_KEY_ID)");
        }
        this.currentKid = kid;
        this.signingKey = readPrivateKey(signingFile);
        RSAPublicKey current = readPublicKey(verifyFile);
        if (!(signingKey instanceof RSAPrivateCrtKey crt) || !crt.getModulus().equals(current.getModulus())) {
            throw new IllegalStateException("the verify key " + verifyFile + " is not the public half of " + signingFile);
        }
        List<PublishedKey> keys = new ArrayList<>();
        keys.add(new PublishedKey(kid, current));
        if (config.previousVerifyKeyFile().isPresent()) {
            String previousKid = config.previousKeyId().orElseThrow(() -> new IllegalStateException(
                    "gonghui.jwt.previous-key-id is required with previous-verify-key-file"));
            if (previousKid.equals(kid)) {
                throw new IllegalStateException("the previous key id must differ from the current one: " + kid);
            }
            keys.add(new PublishedKey(previousKid, readPublicKey(config.previousVerifyKeyFile().get())));
        }
        this.published = List.copyOf(keys);
        LOG.infof("signing tokens with key %s; publishing %d key(s)", kid, published.size());
    }

    public String currentKid() {
        return currentKid;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public List<PublishedKey> published() {
        return published;
    }

    /** The JSON Web Key Set (RFC 7517) of every published key. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (PublishedKey k : published) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", k.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "RS256");
            jwk.put("n", base64Url(k.key().getModulus()));
            jwk.put("e", base64Url(k.key().getPublicExponent()));
            keys.add(jwk);
        }
        return Map.of("keys", keys);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned big-endian per RFC 7518
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key: " + file, e);
        }
    }

    static RSAPublicKey readPublicKey(Path file) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(pemBody(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA public key: " + file, e);
        }
    }

    private static byte[] pemBody(Path file, String label) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key file " + file, e);
        }
        String begin = "-----BEGIN " + label + "-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < 0) {
            throw new IllegalStateException(file + " holds no PEM block '" + label + "'");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Local convenience: a key pair kept between runs, so tokens survive a restart of quarkus:dev. */
    private static String generateIfAbsent(Path dir, Path signingFile, Path verifyFile) {
        try {
            Path kidFile = dir.resolve("key-id");
            if (!Files.exists(signingFile)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(signingFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                setOwnerOnly(signingFile);
                Files.writeString(verifyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(kidFile, "dev-" + Instant.now().getEpochSecond());
                LOG.infof("generated a local signing key in %s", dir.toAbsolutePath());
            }
            return Files.readString(kidFile).trim();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a local signing key in " + dir, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; nothing more we can do
        }
    }
}
