package org.gonghui.systemtests.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker could present, derived from a real token of the running suite: unsigned, HMAC-signed with the
 * public key, signed by another RSA key, and tokens that the suite's own key signed (read from {@code .suite/jwt},
 * as a stolen-key-free way to test the claim checks) but with bad claims.
 */
final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** name -> forged token, each of which every service and the gateway must refuse with 401. */
    static Map<String, String> from(String real) {
        String[] parts = real.split("\\.");
        ObjectNode header = (ObjectNode) parse(parts[0]);
        ObjectNode claims = (ObjectNode) parse(parts[1]);
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> forged = new LinkedHashMap<>();

        ObjectNode none = header.deepCopy().put("alg", "none");
        forged.put("alg none", enc(none) + "." + parts[1] + ".");
        forged.put("alg none, signature kept", enc(none) + "." + parts[1] + "." + parts[2]);

        ObjectNode hs = header.deepCopy().put("alg", "HS256");
        String hsInput = enc(hs) + "." + parts[1];
        forged.put("HS256 with the public key as secret", hsInput + "." + hmac(hsInput, publicKeyPem()));

        forged.put("RS256 from another key", sign(header, claims, otherKey()));
        forged.put("expired", suiteSigned(header, claims, c -> c.put("iat", now - 7200).put("exp", now - 3600)));
        forged.put("not yet valid", suiteSigned(header, claims, c -> c.put("nbf", now + 3600).put("iat", now + 3600)
                .put("exp", now + 7200)));
        forged.put("wrong iss", suiteSigned(header, claims, c -> c.put("iss", "https://evil.example/gateway")));
        forged.put("wrong aud", suiteSigned(header, claims, c -> c.put("aud", "someone-else")));
        forged.put("missing org", suiteSigned(header, claims, c -> c.remove("org")));
        forged.put("org not an org code", suiteSigned(header, claims, c -> c.put("org", "../ld")));
        ObjectNode tampered = claims.deepCopy().put("org", "ld").put("upn", "admin");
        tampered.putArray("groups").add("admin").add("staff").add("finance");
        forged.put("tampered payload", parts[0] + "." + enc(tampered) + "." + parts[2]);
        forged.put("signature stripped", parts[0] + "." + parts[1] + ".");
        forged.put("garbage", "not.a.jwt");
        return forged;
    }

    /** The real token's claims changed by {@code change}, signed with the suite's own key: valid but for the change. */
    static String suiteSigned(String real, Consumer<ObjectNode> change) {
        String[] parts = real.split("\\.");
        return suiteSigned((ObjectNode) parse(parts[0]), (ObjectNode) parse(parts[1]), change);
    }

    static JsonNode claims(String token) {
        return parse(token.split("\\.")[1]);
    }

    private static String suiteSigned(ObjectNode header, ObjectNode claims, Consumer<ObjectNode> change) {
        ObjectNode c = claims.deepCopy();
        c.put("jti", java.util.UUID.randomUUID().toString());
        change.accept(c);
        return sign(header, c, suiteKey());
    }

    private static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String input = enc(header) + "." + enc(claims);
        try {
            java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String hmac(String input, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static PrivateKey suiteKey() {
        try {
            String pem = Files.readString(jwtDir().resolve("signing-key.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read the suite's signing key under .suite/jwt", e);
        }
    }

    private static byte[] publicKeyPem() {
        try {
            return Files.readAllBytes(jwtDir().resolve("signing-key.pub.pem"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path jwtDir() {
        return Path.of(System.getProperty("gonghui.root", "..")).resolve(".suite/jwt");
    }

    private static JsonNode parse(String part) {
        try {
            return Wire.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String enc(JsonNode node) {
        return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
