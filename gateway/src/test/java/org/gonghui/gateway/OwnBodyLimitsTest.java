package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Issue 19.3: the gateway's own endpoints take small bodies only; proxied routes keep theirs (RoutingTest). */
@QuarkusTest
class OwnBodyLimitsTest {

    private static byte[] jsonOf(int size) {
        String head = "{\"username\":\"someone\",\"password\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void authBodiesAboveFourKibAre413BeforeTheyAreRead() {
        for (String path : new String[] { "/auth/token", "/auth/refresh", "/auth/password" }) {
            given().contentType(ContentType.JSON).body(jsonOf(4097)).post(path).then().statusCode(413)
                    .contentType("application/problem+json").body("type", equalTo("/problems/payload-too-large"))
                    .body("detail", containsString("4096"));
        }
        // 4 KiB is let through (and refused for what it says)
        given().header("X-Forwarded-For", Gateway.newClientIp()).contentType(ContentType.JSON).body(jsonOf(4096))
                .post("/auth/token").then().statusCode(400);
    }

    @Test
    void accountAndOrgBodiesAboveSixtyFourKibAre413() {
        String admin = adminToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(jsonOf(65537)).post("/api/v1/accounts")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(jsonOf(21 * 1024 * 1024))
                .post("/api/v1/orgs").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(jsonOf(65537))
                .patch("/api/v1/accounts/" + java.util.UUID.randomUUID()).then().statusCode(413);
        // chunked, no Content-Length: cut while it is read
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(jsonOf(200_000))).post("/api/v1/orgs").then().statusCode(413)
                .contentType("application/problem+json");
        // an ordinary body still works
        given().auth().oauth2(TestTokens.token("limits-admin", "ld", "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"ld.limits\",\"name\":\"" + "工".repeat(50) + "\"}").post("/api/v1/orgs").then()
                .statusCode(201);
    }
}
