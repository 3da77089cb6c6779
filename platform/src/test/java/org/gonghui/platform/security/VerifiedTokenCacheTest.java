package org.gonghui.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The verified-token cache against smallrye-jwt's real verifier and real RS256 tokens: a repeat skips the
 * verification, but nothing the verifier refuses is ever admitted, and entries end with {@code exp} or max-age.
 */
class VerifiedTokenCacheTest {

    /**
     * Counts the verifier's calls: a cache hit does not reach it. One smallrye verifier per context, because a
     * smallrye verifier keeps the keys of the first context it saw (in a service there is only one).
     */
    static final class CountingVerifier extends JWTCallerPrincipalFactory {
        final Map<JWTAuthContextInfo, JWTCallerPrincipalFactory> real = new IdentityHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            calls.incrementAndGet();
            return real.computeIfAbsent(context, c -> new VerifiedTokenCache.Verifier()).parse(token, context);
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final CountingVerifier verifier = new CountingVerifier();
    final MovableClock clock = new MovableClock();
    final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, clock, 100, Duration.ofSeconds(60));

    /** Verification settings as in the services, with the gateway's JWKS holding {@code keys} under {@code kid}. */
    static JWTAuthContextInfo context(KeyPair keys, String kid) {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64.encodeToString(unsigned(pub.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())) + "\"}]}";
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setPublicKeyContent(jwks);
        context.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256));
        context.setIssuedBy(TestTokens.ISSUER);
        context.setExpectedAudience(java.util.Set.of(TestTokens.AUDIENCE));
        context.setRequiredClaims(java.util.Set.of("org"));
        return context;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    static KeyPair otherKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final JWTAuthContextInfo gateway = context(TestTokens.keys(), TestTokens.KEY_ID);

    @Test
    void aRepeatedTokenIsVerifiedOnce() throws ParseException {
        String token = TestTokens.token("alice", "ld.lsj", "staff");
        JWTCallerPrincipal first = cache.parse(token, gateway);
        JWTCallerPrincipal again = cache.parse(token, gateway);
        assertSame(first, again);
        assertEquals("alice", again.getName());
        assertEquals("ld.lsj", again.getClaim("org"));
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void forgedTokensAreRefusedEveryTimeAndNeverRemembered() {
        KeyPair forger = otherKeys();
        // signed by another key under the gateway's kid, and under a kid the JWKS does not have
        String wrongKey = TestTokens.claims("mallory", "ld", "admin").jws().keyId(TestTokens.KEY_ID)
                .sign(forger.getPrivate());
        String unknownKid = TestTokens.claims("mallory", "ld", "admin").jws().keyId("rotated-in-by-nobody")
                .sign(forger.getPrivate());
        String wrongIssuer = TestTokens.sign(TestTokens.claims("mallory", "ld", "admin").issuer("https://evil"));
        String noOrg = TestTokens.token("mallory", null, "admin");
        String expired = TestTokens.sign(TestTokens.claims("mallory", "ld", "admin")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)));
        // a valid token with one character of the payload changed
        String valid = TestTokens.token("alice", "ld.lsj", "staff");
        String[] parts = valid.split("\\.");
        char c = parts[1].charAt(10);
        String tampered = parts[0] + "." + parts[1].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[1].substring(11)
                + "." + parts[2];
        for (String forged : new String[] { wrongKey, unknownKid, wrongIssuer, noOrg, expired, tampered }) {
            assertThrows(ParseException.class, () -> cache.parse(forged, gateway));
            assertThrows(ParseException.class, () -> cache.parse(forged, gateway), "refused again, not remembered");
        }
        assertEquals(12, verifier.calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    void aTokenRemembersOnlyTheSettingsItPassed() throws ParseException {
        String token = TestTokens.token("alice", "ld.lsj", "staff");
        cache.parse(token, gateway);
        // after a rotation that withdrew the key (another context: only a new key under a new kid)
        JWTAuthContextInfo rotated = context(otherKeys(), "next-key");
        assertThrows(ParseException.class, () -> cache.parse(token, rotated));
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void entriesEndAtMaxAgeAndAtExp() throws ParseException {
        String token = TestTokens.token("alice", "ld.lsj", "staff"); // exp in 15 minutes
        cache.parse(token, gateway);
        clock.now = clock.now.plusSeconds(59);
        cache.parse(token, gateway);
        assertEquals(1, verifier.calls.get());
        clock.now = clock.now.plusSeconds(2); // past max-age: verified again
        cache.parse(token, gateway);
        assertEquals(2, verifier.calls.get());

        VerifiedTokenCache longLived = new VerifiedTokenCache(verifier, clock, 100, Duration.ofHours(1));
        String shortToken = TestTokens.sign(TestTokens.claims("bob", "ld", "staff")
                .expiresAt(Instant.now().plusSeconds(30)));
        clock.now = Instant.now();
        longLived.parse(shortToken, gateway);
        longLived.parse(shortToken, gateway);
        assertEquals(3, verifier.calls.get());
        clock.now = clock.now.plusSeconds(31); // past exp, inside max-age: not served from memory
        longLived.parse(shortToken, gateway); // the verifier's real clock and skew still accept it
        assertEquals(4, verifier.calls.get());
    }

    @Test
    void rememberedAnswersFromMemoryOnlyAndNeverVerifies() throws ParseException {
        String token = TestTokens.token("alice", "ld.lsj", "staff");
        assertNull(cache.remembered(token, gateway), "not verified yet");
        JWTCallerPrincipal verified = cache.parse(token, gateway);
        assertSame(verified, cache.remembered(token, gateway));
        assertNull(cache.remembered(token, context(otherKeys(), "next-key")), "other settings verify afresh");
        assertNull(cache.remembered(TestTokens.token("bob", "ld", "staff"), gateway));
        clock.now = clock.now.plusSeconds(61); // past max-age
        assertNull(cache.remembered(token, gateway));
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void claimsReadTheSameAsSmallryesOwnPrincipal() throws ParseException {
        String token = TestTokens.sign(TestTokens.claims("alice", "ld.lsj", "staff", "coordinator")
                .claim(OrgScope.VOLUNTEER_CLAIM, "7f1c0f4e-3c1b-4a58-9a0e-2f4b8f2d9c11")
                .claim("nested", java.util.Map.of("a", 1)));
        JWTCallerPrincipal ours = cache.parse(token, gateway);
        JWTCallerPrincipal smallryes = new DefaultJWTCallerPrincipalFactory().parse(token, gateway);
        assertEquals(VerifiedPrincipal.class, ours.getClass());
        assertEquals(smallryes.getClaimNames(), ours.getClaimNames());
        for (String name : smallryes.getClaimNames()) {
            assertEquals(String.valueOf((Object) smallryes.getClaim(name)), String.valueOf((Object) ours.getClaim(name)),
                    name);
        }
        assertEquals("ld.lsj", ours.getClaim(OrgScope.ORG_CLAIM));
        assertEquals(smallryes.getGroups(), ours.getGroups());
        assertEquals(smallryes.getExpirationTime(), ours.getExpirationTime());
        assertNull(ours.getClaim("absent"));
    }

    @Test
    void theCacheStaysBounded() throws ParseException {
        VerifiedTokenCache small = new VerifiedTokenCache(verifier, clock, 3, Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            small.parse(TestTokens.token("user" + i, "ld", "staff"), gateway);
            assertEquals(true, small.size() <= 3);
        }
    }
}
