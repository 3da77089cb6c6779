package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.gonghui.platform.testing.TestTokens;
import org.gonghui.gateway.routing.Routing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RoutingTest {

    private static final String TOKEN = TestTokens.token("clerk", "ld.lsj", "staff");

    private static DoubleWrites doubleWrites;

    @BeforeAll
    static void watchForDoubleWrites() {
        doubleWrites = DoubleWrites.watch();
        // its "connection closed before the request body ... was complete" line tells when the late path has run
        Logger.getLogger("org.gonghui.platform.errors.ProblemMappers").setLevel(Level.FINE);
    }

    /** Also catches a second answer logged after its own test had finished. */
    @AfterAll
    static void noRequestGotTwoAnswers() {
        doubleWrites.stop();
        assertEquals(List.of(), doubleWrites.seen());
    }

    @Test
    void methodPathQueryBodyAndStatusPassThroughUnchanged() {
        String body = "{\"name\":\"王 芳\",\"amountFen\":120000}";
        JsonPath echo = given().urlEncodingEnabled(false).auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body)
                .header("X-Echo-Status", "201")
                .post("/api/v1/welfare/funds/a%2Fb/applications?year=2024&q=%E7%8E%8B&q=two")
                .then().statusCode(201).header("X-Upstream", "welfare").extract().jsonPath();
        assertEquals("POST", echo.getString("method"));
        assertEquals("/api/v1/welfare/funds/a%2Fb/applications", echo.getString("rawPath"));
        assertEquals("year=2024&q=%E7%8E%8B&q=two", echo.getString("rawQuery"));
        assertEquals(body, echo.getString("body"));
        assertEquals("Bearer " + TOKEN, echo.getString("headers.authorization"));

        for (int status : new int[] { 200, 204, 404, 409, 422, 500, 503 }) {
            given().auth().oauth2(TOKEN).header("X-Echo-Status", status).delete("/api/v1/honors/campaigns/x")
                    .then().statusCode(status);
        }
        given().auth().oauth2(TOKEN).header("X-Echo-Status", "200").patch("/api/v1/volunteer").then()
                .statusCode(503); // the volunteer stand-in is down
    }

    @Test
    void identityHeadersAreStrippedAndTraceHeadersAdded() {
        JsonPath echo = given().auth().oauth2(TOKEN)
                .header("X-Forwarded-User", "admin").header("X-Org", "ld").header("X-Roles", "admin")
                .header("X-User-Id", "1").header("Remote-User", "admin").header("X-Auth-Request-Email", "a@b")
                .header("X-Gonghui-Org", "ld").header("Connection", "keep-alive, X-Custom").header("Accept", "*/*")
                .get("/api/v1/honors/nominations").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract().jsonPath();
        for (String stripped : new String[] { "x-forwarded-user", "x-org", "x-roles", "x-user-id", "remote-user",
                "x-auth-request-email", "x-gonghui-org" }) {
            assertTrue(echo.getString("headers." + stripped) == null, stripped + " must not reach the service");
        }
        assertTrue(echo.getString("headers.traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
        assertTrue(echo.getString("headers.x-request-id").matches("[0-9a-f-]{36}"));
        assertEquals("*/*", echo.getString("headers.accept"));

        // a caller's trace continues; its request id is kept
        String trace = "0af7651916cd43dd8448eb211c80319c";
        JsonPath traced = given().auth().oauth2(TOKEN)
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01").header("X-Request-Id", "req-42")
                .get("/api/v1/honors/nominations").then().statusCode(200).header("X-Request-Id", "req-42")
                .extract().jsonPath();
        assertTrue(traced.getString("headers.traceparent").startsWith("00-" + trace + "-"));
        assertTrue(!traced.getString("headers.traceparent").contains("b7ad6b7169203331"));
    }

    /**
     * Found by the hardening sweep (issue 11): a client-chosen X-Forwarded-For reached honors-service, which trusts
     * it from the gateway, so every objection could claim a new address and skip the per-address throttle.
     */
    @Test
    void theClientCannotChooseTheForwardedAddress() {
        JsonPath echo = given().auth().oauth2(TOKEN)
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.9").header("Forwarded", "for=198.51.100.8")
                .header("X-Real-IP", "198.51.100.9").header("True-Client-IP", "198.51.100.10")
                .get("/api/v1/honors/nominations").then().statusCode(200).extract().jsonPath();
        String forwarded = echo.getString("headers.x-forwarded-for");
        assertTrue(forwarded != null && !forwarded.contains(","), "one address, resolved by the gateway: " + forwarded);
        assertTrue(!forwarded.contains("203.0.113.9"), forwarded);
        for (String stripped : new String[] { "forwarded", "x-real-ip", "true-client-ip" }) {
            assertTrue(echo.getString("headers." + stripped) == null, stripped + " must not reach the service");
        }
        // without proxy headers the service sees the gateway's own peer, not a value the client made up
        JsonPath plain = given().auth().oauth2(TOKEN).get("/api/v1/honors/nominations").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(plain.getString("headers.x-forwarded-for").matches("[0-9a-f.:]+"),
                plain.getString("headers.x-forwarded-for"));
    }

    /**
     * Slow-loris (issue 11): a body sent a byte at a time is cut off after the body timeout (5 s here) with 408 and
     * the connection closed. Through the proxy the stand-in's upstream timeout (2 s here) answers first (503); the
     * connection is still closed, not left to the trickling client.
     */
    @Test
    void aBodyThatTricklesInIsCutOffWith408() throws Exception {
        for (String target : new String[] { "/api/v1/welfare/cases", "/auth/token" }) {
            try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(500);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        // under the 4 KiB limit of /auth/** (OwnBodyLimits), which would answer 413 up front
                        + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                boolean closed = false;
                while (!closed && System.nanoTime() < deadline) {
                    try {
                        out.write(' ');
                        out.flush();
                        byte[] buf = new byte[2048];
                        int n = socket.getInputStream().read(buf);
                        if (n < 0) {
                            closed = true;
                        } else {
                            answer.write(buf, 0, n);
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing yet: keep trickling
                    } catch (java.io.IOException e) {
                        closed = true;
                    }
                }
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                assertTrue(closed, target + ": the connection stayed open");
                if (target.startsWith("/auth")) {
                    assertTrue(text.startsWith("HTTP/1.1 408"), target + ": " + text);
                }
                assertTrue(text.matches("(?s)HTTP/1\\.1 (408|503) .*"), target + ": " + text);
                assertTrue(text.contains("application/problem+json"), text);
            }
        }
        // the endpoint's body read fails once the connection is closed, after the 408 went out; its 400 must not
        // be written over the 408 (it was: "Response has already been written", logged as a failed request)
        await().atMost(Duration.ofSeconds(60)).until(() -> doubleWrites
                .logged("connection closed before the request body of /auth/token was complete"));
        assertEquals(List.of(), doubleWrites.seen());
    }

    @Test
    void noTokenIs401BeforeTheServiceExceptOnPublicEndpoints() {
        int before = GatewayTestResource.honors.requests.get();
        given().get("/api/v1/honors/nominations").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/honors/nominations").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/welfare/funds").then().statusCode(401);
        assertEquals(before, GatewayTestResource.honors.requests.get());

        given().get("/api/v1/honors/roll?year=2016").then().statusCode(200).body("rawQuery", equalTo("year=2016"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"not a model worker\"}")
                .post("/api/v1/honors/nominations/" + java.util.UUID.randomUUID() + "/objections").then()
                .statusCode(200).body("method", equalTo("POST"));
        given().get("/api/v1/honors/rolls").then().statusCode(401);

        // a gateway-issued token goes through like the test key's
        given().auth().oauth2(adminToken()).get("/api/v1/honors/nominations").then().statusCode(200);
    }

    @Test
    void bodiesOverTheLimitsAre413() {
        byte[] json = new byte[1024 * 1024 + 1];
        Arrays.fill(json, (byte) ' ');
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(json).post("/api/v1/welfare/funds").then()
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));

        // chunked (no Content-Length): counted as it streams
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(stream(json)).post("/api/v1/welfare/funds")
                .then().statusCode(413);

        byte[] csv = ("name,idNumber,orgCode,unitName\n" + "张三,,ld.lsj,冷钢\n".repeat(120_000))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(csv.length > 2 * 1024 * 1024);
        given().auth().oauth2(TOKEN).contentType("text/csv").body(csv)
                .post("/api/v1/welfare/enrolments/import?programCode=p&year=2024").then().statusCode(200)
                .body("bodyLength", equalTo(csv.length));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Arrays.copyOf(json, 1024 * 1024))
                .post("/api/v1/welfare/funds").then().statusCode(200).body("bodyLength", equalTo(1024 * 1024));

        byte[] hugeCsv = new byte[20 * 1024 * 1024 + 1];
        given().auth().oauth2(TOKEN).contentType("text/csv").body(hugeCsv).post("/api/v1/welfare/enrolments/import")
                .then().statusCode(413);
    }

    @Test
    void aServiceThatIsDownIs503QuicklyAndTheBreakerOpens() {
        long start = System.nanoTime();
        given().auth().oauth2(TOKEN).get("/api/v1/volunteer/activities").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("/problems/upstream-unavailable"))
                .body("service", equalTo("volunteer")).header("Retry-After", equalTo("30"));
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TOKEN).get("/api/v1/volunteer/activities").then().statusCode(503);
        }
        given().auth().oauth2(TOKEN).get("/api/v1/volunteer/activities").then().statusCode(503)
                .body("circuitOpen", equalTo(true));
        // behaviour, not speed: seven refused connections must not each wait out the 2 s routing timeout (14 s);
        // the bound is loose because CI machines can be heavily loaded
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 10_000, "seven 503s took " + millis + " ms: the gateway waited for the timeout");
        // the other services are not affected
        given().auth().oauth2(TOKEN).get("/api/v1/honors/nominations").then().statusCode(200);
        // an open breaker answers before forward() returns: the answer deadline must not try to guard that answer
        // (it did, and Vert.x refused its end handler on the ended response: logged as a failed request)
        assertEquals(List.of(), doubleWrites.seen());
    }

    @Test
    void aServiceThatHangsIs503AfterTheTimeout() {
        long start = System.nanoTime();
        given().auth().oauth2(TOKEN).get("/api/v1/honors/hang").then().statusCode(503)
                .body("type", equalTo("/problems/upstream-unavailable"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // the 2 s routing timeout applied (the upstream never answers); the upper bound only rules out a hang
        assertTrue(millis >= 1500 && millis < 20_000, "answered after " + millis + " ms");
    }

    @Test
    void securityHeadersAndCors() {
        given().auth().oauth2(TOKEN).get("/api/v1/honors/nominations").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
        given().get("/auth/me").then().statusCode(401).header("X-Content-Type-Options", "nosniff");
        // the console (not built in tests) gets a CSP that lets its own scripts, styles and API calls run
        given().get("/console/").then().header("Content-Security-Policy", equalTo(Routing.CONSOLE_CSP))
                .header("X-Frame-Options", "DENY").header("Cache-Control", "no-cache");
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", "/console/");

        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options("/api/v1/honors/nominations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/honors/nominations").then()
                .header("Access-Control-Allow-Origin", nullValue());
        // the proxied answer itself carries the CORS headers the browser needs to read it
        given().auth().oauth2(TOKEN).header("Origin", "http://localhost:5173").get("/api/v1/honors/nominations")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void proxiedRequestsAreCountedPerServiceNotPerPath() {
        String id = java.util.UUID.randomUUID().toString();
        given().auth().oauth2(TOKEN).get("/api/v1/welfare/applications/" + id).then().statusCode(200);
        given().auth().oauth2(TOKEN).get("/api/v1/welfare/applications/" + id + "/history").then().statusCode(200);
        given().auth().oauth2(TOKEN).get("/api/v1/welfare").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/api/v1/welfare/**\""), "proxied requests counted under their service");
        assertTrue(!metrics.contains(id), "a record id must not become a metric series");
        // the gateway's own endpoints keep their templates
        given().auth().oauth2(adminToken()).get("/api/v1/accounts/" + id).then().statusCode(404);
        assertTrue(given().get("/q/metrics").then().extract().asString().contains("uri=\"/api/v1/accounts/{id}\""));
    }

    @Test
    void mergedOpenApiHasTheGatewayAndEveryServiceThatAnswers() {
        given().get("/openapi").then().statusCode(200)
                .body("paths", hasKey("/auth/token")).body("paths", hasKey("/api/v1/accounts"))
                .body("paths", hasKey("/api/v1/honors/things")).body("components.schemas", hasKey("honorsThing"))
                .body("paths", not(hasKey("/api/v1/welfare/things")))
                .body("x-gonghui-upstreams.honors", equalTo("merged"))
                .body("x-gonghui-upstreams.welfare", equalTo("unavailable"))
                .body("x-gonghui-upstreams.volunteer", equalTo("unavailable"));
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
