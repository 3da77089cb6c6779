package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.gonghui.gateway.routing.TokenGate;
import org.gonghui.gateway.routing.TokenGate.Verdict;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * The routing's token check uses the platform's verified-token cache, shared with the gateway's own endpoints: a
 * remembered token is answered on the event loop at once, anything else is verified on a worker, and a refused token is
 * never remembered.
 */
@QuarkusTest
class TokenGateTest {

    @Inject
    TokenGate gate;

    @Inject
    Vertx vertx;

    /** Whether the verdict was there when {@code check} returned on the event loop (no worker hop), and which. */
    private record Outcome(boolean immediate, Verdict verdict) {
    }

    private Outcome checkOnEventLoop(String token) throws Exception {
        CompletableFuture<Boolean> immediate = new CompletableFuture<>();
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        Context eventLoop = vertx.getOrCreateContext();
        assertTrue(eventLoop.isEventLoopContext());
        eventLoop.runOnContext(v -> {
            Future<Verdict> answer = gate.check(HttpMethod.GET, "/api/v1/honors/nominations", "Bearer " + token);
            immediate.complete(answer.isComplete());
            answer.onComplete(done -> verdict.complete(done.succeeded() ? done.result() : null));
        });
        return new Outcome(immediate.get(30, TimeUnit.SECONDS), verdict.get(30, TimeUnit.SECONDS));
    }

    private static String freshToken() {
        return TestTokens.token("gate-" + UUID.randomUUID(), "ld.lsj", "staff");
    }

    @Test
    void aRememberedTokenPassesOnTheEventLoopAndANewOneIsVerifiedOnAWorker() throws Exception {
        String token = freshToken();
        Outcome first = checkOnEventLoop(token);
        assertFalse(first.immediate(), "a token not seen before is verified off the event loop");
        assertEquals(Verdict.AUTHENTICATED, first.verdict());
        Outcome again = checkOnEventLoop(token);
        assertTrue(again.immediate(), "a remembered token needs no worker hop");
        assertEquals(Verdict.AUTHENTICATED, again.verdict());
    }

    @Test
    void theGatewaysOwnEndpointsShareTheCache() throws Exception {
        String token = freshToken();
        given().auth().oauth2(token).get("/auth/me").then().statusCode(200);
        Outcome outcome = checkOnEventLoop(token);
        assertTrue(outcome.immediate(), "verified by /auth/me, remembered for the routing");
        assertEquals(Verdict.AUTHENTICATED, outcome.verdict());
    }

    @Test
    void refusedTokensAreRefusedAgainAndNeverRemembered() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Instant now = Instant.now();
        String[] refused = {
            TestTokens.claims("forger", "ld", "admin").jws().keyId(TestTokens.KEY_ID)
                    .sign(generator.generateKeyPair().getPrivate()),
            TestTokens.sign(TestTokens.claims("forger", "ld", "admin")
                    .issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.minus(Duration.ofMinutes(30)))),
            TestTokens.sign(TestTokens.claims("forger", "ld", "admin").audience("other")),
            TestTokens.sign(TestTokens.claims("forger", null, "admin")),
            "not-a-jwt" };
        for (String token : refused) {
            for (int attempt = 0; attempt < 2; attempt++) {
                Outcome outcome = checkOnEventLoop(token);
                assertEquals(Verdict.REJECTED, outcome.verdict(), token);
                assertFalse(outcome.immediate(), "a refused token is never admitted from memory: " + token);
            }
        }
        // signed correctly but with an org code that is no org code: the gate refuses it, also when remembered
        String badOrg = TestTokens.sign(TestTokens.claims("forger", "LD; drop", "admin"));
        assertEquals(Verdict.REJECTED, checkOnEventLoop(badOrg).verdict());
        assertEquals(Verdict.REJECTED, checkOnEventLoop(badOrg).verdict());
    }

    @Test
    void publicEndpointsPassWithoutAToken() {
        assertEquals(Verdict.PUBLIC, gate.check(HttpMethod.GET, "/api/v1/honors/roll", null).result());
        assertEquals(Verdict.REJECTED, gate.check(HttpMethod.GET, "/api/v1/honors/nominations", null).result());
        assertEquals(Verdict.REJECTED, gate.check(HttpMethod.POST, "/api/v1/honors/roll", " ").result());
        assertEquals(Verdict.REJECTED,
                gate.check(HttpMethod.GET, "/api/v1/honors/nominations", "Basic YWRtaW46YWRtaW4=").result());
    }
}
