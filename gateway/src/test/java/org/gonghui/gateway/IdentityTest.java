package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.adminPassword;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.gonghui.gateway.Gateway.b64;
import static org.gonghui.gateway.Gateway.login;
import static org.gonghui.gateway.Gateway.newClientIp;
import static org.gonghui.gateway.Gateway.part;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class IdentityTest {

    @jakarta.inject.Inject
    org.gonghui.gateway.auth.Housekeeping housekeeping;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @Test
    void housekeepingDropsOldLoginAttemptsAndKeepsRecentOnes() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO login_attempt (client_ip, username, succeeded, attempted_at) VALUES "
                        + "('10.99.0.1', 'old', false, now() - interval '8 days'), ('10.99.0.1', 'new', false, now())")
                .executeUpdate());
        assertTrue(housekeeping.prune() >= 1);
        long left = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM login_attempt WHERE client_ip = '10.99.0.1'")
                .getSingleResult()).longValue());
        assertEquals(1, left);
    }

    @Test
    void firstAdminLogsInWithTheGeneratedPasswordFromAnOwnerOnlyFile() throws Exception {
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(GatewayTestResource.credentialsFile));
        assertTrue(Files.readString(GatewayTestResource.credentialsFile).startsWith("username: admin\n"));
        assertTrue(adminPassword().length() >= 20);

        JsonPath pair = login("admin", adminPassword()).then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue()).extract().jsonPath();
        String access = pair.getString("accessToken");

        JsonNode header = part(access, 0);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("JWT", header.get("typ").asText());
        assertEquals(TestTokens.KEY_ID, header.get("kid").asText());
        JsonNode claims = part(access, 1);
        assertEquals(TestTokens.ISSUER, claims.get("iss").asText());
        assertEquals("gonghui", claims.get("aud").isArray() ? claims.get("aud").get(0).asText()
                : claims.get("aud").asText());
        assertEquals("admin", claims.get("upn").asText());
        assertEquals("ld", claims.get("org").asText());
        UUID.fromString(claims.get("sub").asText());
        UUID.fromString(claims.get("jti").asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(claims.get("groups").toString().contains("admin"));

        given().auth().oauth2(access).get("/auth/me").then().statusCode(200)
                .body("username", equalTo("admin")).body("org", equalTo("ld"))
                .body("roles", hasItems("admin", "staff", "finance", "auditor"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String admin = adminToken();
        createAccount(admin, "same-answer", "correct horse battery", "ld.lx", List.of("staff"));

        var wrong = login("same-answer", "wrong password here").then().statusCode(401)
                .contentType("application/problem+json").extract();
        var unknown = login("nobody-at-all", "wrong password here").then().statusCode(401)
                .contentType("application/problem+json").extract();
        assertEquals((String) wrong.path("type"), (String) unknown.path("type"));
        assertEquals((String) wrong.path("detail"), unknown.path("detail"));
        assertEquals("/problems/invalid-credentials", wrong.path("type"));
        login("SAME-ANSWER", "correct horse battery").then().statusCode(200);
    }

    @Test
    void fiveFailuresLockTheUsernameFromThatAddressOnly() {
        String admin = adminToken();
        String id = createAccount(admin, "locks-out", "the right password!", "ld.sf", List.of("staff"));
        String stranger = newClientIp();
        for (int i = 0; i < 5; i++) {
            login("locks-out", "not the password " + i, stranger).then().statusCode(401);
        }
        login("locks-out", "the right password!", stranger).then().statusCode(423)
                .contentType("application/problem+json").body("type", equalTo("/problems/account-locked"))
                .header("Retry-After", notNullValue());
        given().auth().oauth2(admin).get("/api/v1/accounts/" + id).then().statusCode(200)
                .body("lockedUntil", notNullValue());
        // the stranger's guesses do not lock the owner out from its own address
        login("locks-out", "the right password!", newClientIp()).then().statusCode(200);
        // nor the first admin
        for (int i = 0; i < 5; i++) {
            login("admin", "guessing the admin " + i, stranger).then().statusCode(401);
        }
        login("admin", adminPassword(), stranger).then().statusCode(423);
        login("admin", adminPassword(), newClientIp()).then().statusCode(200);

        // an admin may lift the lock early
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("unlock", true))
                .patch("/api/v1/accounts/" + id).then().statusCode(200);
        login("locks-out", "the right password!", stranger).then().statusCode(200);
    }

    @Test
    void aLockedUnknownUserLooksExactlyLikeALockedAccount() {
        createAccount(adminToken(), "locks-same", "the right password!", "ld.sf", List.of("staff"));
        String ip = newClientIp();
        for (int i = 0; i < 5; i++) {
            var known = login("locks-same", "wrong " + i, ip).then().statusCode(401).extract();
            var unknown = login("nobody-locks-same", "wrong " + i, ip).then().statusCode(401).extract();
            assertEquals(known.body().asString(), unknown.body().asString());
        }
        var known = login("locks-same", "the right password!", ip).then().statusCode(423).extract();
        var unknown = login("nobody-locks-same", "the right password!", ip).then().statusCode(423).extract();
        assertEquals(known.contentType(), unknown.contentType());
        JsonPath k = known.jsonPath();
        JsonPath u = unknown.jsonPath();
        assertEquals(k.getMap("$").keySet(), u.getMap("$").keySet());
        for (String field : List.of("type", "title", "status", "detail", "instance")) {
            assertEquals(k.getString(field), u.getString(field), field);
        }
        assertTrue(Math.abs(k.getLong("retryAfterSeconds") - u.getLong("retryAfterSeconds")) <= 2);
    }

    @Test
    void manyAddressesSlowAUsernameDownButNeverLockOutItsKnownAddress() {
        createAccount(adminToken(), "backs-off", "the right password!", "ld.xh", List.of("staff"));
        String home = newClientIp();
        login("backs-off", "the right password!", home).then().statusCode(200);
        for (int i = 0; i < 20; i++) {
            login("backs-off", "botnet guess " + i, newClientIp()).then().statusCode(401);
        }
        // a new address now waits for the username's back-off (one check per 10 s)
        String retry = login("backs-off", "the right password!", newClientIp()).then().statusCode(423)
                .body("type", equalTo("/problems/account-locked")).extract().header("Retry-After");
        assertTrue(Integer.parseInt(retry) <= 10, retry);
        // the owner's usual address is not slowed down
        login("backs-off", "the right password!", home).then().statusCode(200);
    }

    @Test
    void oneClientAddressIsThrottledAfterTooManyFailures() {
        String ip = newClientIp();
        for (int i = 0; i < 20; i++) {
            login("nobody-" + i, "some password", ip).then().statusCode(401);
        }
        login("admin", adminPassword(), ip).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-login-attempts")).header("Retry-After", "60");
        // other clients are not affected
        login("admin", adminPassword(), newClientIp()).then().statusCode(200);
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheWholeLogin() {
        String first = login("admin", adminPassword()).then().statusCode(200).extract().path("refreshToken");
        JsonPath second = refresh(first).then().statusCode(200).extract().jsonPath();
        String secondRefresh = second.getString("refreshToken");
        assertNotEquals(first, secondRefresh);
        given().auth().oauth2(second.getString("accessToken")).get("/auth/me").then().statusCode(200);

        // the first token again: reuse, so the family (including the second token) is revoked
        refresh(first).then().statusCode(401).body("type", equalTo("/problems/invalid-refresh-token"));
        refresh(secondRefresh).then().statusCode(401);
        refresh("not-a-token").then().statusCode(401);
    }

    @Test
    void aLoginEndsSevenDaysAfterItBeganHoweverOftenItIsRefreshed() {
        String old = login("admin", adminPassword()).then().statusCode(200).extract().path("refreshToken");
        beganAgo(old, "8 days");
        refresh(old).then().statusCode(401).body("type", equalTo("/problems/invalid-refresh-token"));

        String late = login("admin", adminPassword()).then().statusCode(200).extract().path("refreshToken");
        beganAgo(late, "7 days - 1 hour");
        String next = refresh(late).then().statusCode(200).extract().path("refreshToken");
        // the next token lives 1 hour (the family's end), not 8
        long seconds = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT extract(epoch FROM expires_at - now()) FROM refresh_token WHERE token_hash = ?1")
                .setParameter(1, sha256(next)).getSingleResult()).longValue());
        assertTrue(seconds <= 3600 && seconds > 3000, "expires in " + seconds + " s");
    }

    private void beganAgo(String refreshToken, String interval) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE refresh_token SET family_started_at = now() - interval '" + interval + "' WHERE family_id = "
                        + "(SELECT family_id FROM refresh_token WHERE token_hash = ?1)")
                .setParameter(1, sha256(refreshToken)).executeUpdate());
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        JsonPath pair = login("admin", adminPassword()).then().statusCode(200).extract().jsonPath();
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", pair.getString("refreshToken")))
                .post("/auth/logout").then().statusCode(401);
        given().auth().oauth2(pair.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", pair.getString("refreshToken"))).post("/auth/logout").then()
                .statusCode(204);
        refresh(pair.getString("refreshToken")).then().statusCode(401);
    }

    @Test
    void jwksPublishesTheCurrentAndPreviousKeysAndTheyVerifyTokens() throws Exception {
        JsonPath jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItems(TestTokens.KEY_ID, GatewayTestResource.PREVIOUS_KEY_ID))
                .body("keys.alg", hasItems("RS256")).body("keys.d", not(hasItems(notNullValue())))
                .extract().jsonPath();
        Map<String, RSAPublicKey> byKid = new LinkedHashMap<>();
        for (Map<String, String> jwk : jwks.<Map<String, String>>getList("keys")) {
            byKid.put(jwk.get("kid"), (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n"))),
                            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e"))))));
        }
        assertEquals(TestTokens.keys().getPublic(), byKid.get(TestTokens.KEY_ID));
        assertEquals(GatewayTestResource.previousKeys.getPublic(), byKid.get(GatewayTestResource.PREVIOUS_KEY_ID));

        // a gateway token verifies with the published current key
        String access = adminToken();
        String[] parts = access.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(byKid.get(part(access, 0).get("kid").asText()));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void forgedTokensAreRejectedAtTheGatewayAndBeforeAnyService() throws Exception {
        String valid = TestTokens.token("forger", "ld", "admin");
        given().auth().oauth2(valid).get("/auth/me").then().statusCode(200);

        String[] parts = valid.split("\\.");
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        String hsHeader = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + TestTokens.KEY_ID + "\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readAllBytes(TestTokens.publicKeyPem()), "HmacSHA256"));
        forged.put("HS256 with the public key as secret", hsHeader + "." + parts[1] + "." + Base64.getUrlEncoder()
                .withoutPadding().encodeToString(mac.doFinal((hsHeader + "." + parts[1]).getBytes())));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        forged.put("RS256 from another key", TestTokens.claims("forger", "ld", "admin").jws()
                .keyId(TestTokens.KEY_ID).sign(generator.generateKeyPair().getPrivate()));
        Instant now = Instant.now();
        forged.put("expired", TestTokens.sign(TestTokens.claims("forger", "ld", "admin")
                .issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.minus(Duration.ofMinutes(30)))));
        forged.put("not yet valid", TestTokens.sign(TestTokens.claims("forger", "ld", "admin")
                .claim("nbf", now.plus(Duration.ofMinutes(10)).getEpochSecond())));
        forged.put("wrong iss", TestTokens.sign(TestTokens.claims("forger", "ld", "admin")
                .issuer("https://evil.example/gateway")));
        forged.put("wrong aud", TestTokens.sign(TestTokens.claims("forger", "ld", "admin").audience("other")));
        String tamperedPayload = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"forger\"", "\"admin\""));
        forged.put("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2]);
        forged.put("missing org", TestTokens.sign(TestTokens.claims("forger", null, "admin")));
        forged.put("previous key's kid but signed elsewhere", Jwt.claims(Map.of("org", "ld")).issuer(TestTokens.ISSUER)
                .audience("gonghui").upn("x").groups(Set.of("admin")).expiresIn(600).jws()
                .keyId(GatewayTestResource.PREVIOUS_KEY_ID).sign(generator.generateKeyPair().getPrivate()));

        int upstreamBefore = GatewayTestResource.honors.requests.get();
        forged.forEach((what, token) -> {
            given().auth().oauth2(token).get("/auth/me").then().log().ifValidationFails()
                    .statusCode(401);
            given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(401);
            given().auth().oauth2(token).get("/api/v1/honors/nominations").then().statusCode(401)
                    .contentType("application/problem+json");
        });
        assertEquals(upstreamBefore, GatewayTestResource.honors.requests.get(),
                "no forged request may reach a service");
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).post("/auth/refresh");
    }

    static String createAccount(String adminToken, String username, String password, String org, List<String> roles) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "orgCode", org, "roles", roles))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");
    }
}
