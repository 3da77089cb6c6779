package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.gonghui.gateway.routing.RoutingConfig;
import org.gonghui.gateway.routing.TokenGate;
import org.gonghui.gateway.routing.TokenGate.Verdict;
import org.gonghui.platform.security.VerifiedTokenCache;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
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
    JWTParser parser;

    @Inject
    VerifiedTokenCache cache;

    @Inject
    JWTAuthContextInfo verification;

    @Inject
    RoutingConfig routing;

    @Inject
    Vertx vertx;

    /** parser calls, and those made on an event loop (there must be none) */
    final AtomicInteger parses = new AtomicInteger();
    final AtomicInteger parsesOnEventLoop = new AtomicInteger();

    TokenGate gate;

    /** The gate as the application builds it, over the application's parser with its calls counted. */
    @BeforeEach
    void gateWithACountingParser() {
        JWTParser counting = (JWTParser) Proxy.newProxyInstance(JWTParser.class.getClassLoader(),
                new Class<?>[] { JWTParser.class }, (proxy, method, args) -> {
                    parses.incrementAndGet();
                    if (Context.isOnEventLoopThread()) {
                        parsesOnEventLoop.incrementAndGet();
                    }
                    try {
                        return method.invoke(parser, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        gate = new TokenGate(counting, cache, verification, vertx, routing);
    }

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
        assertEquals(Verdict.AUTHENTICATED, first.verdict());
        assertEquals(1, parses.get(), "a token not seen before is verified");
        assertEquals(0, parsesOnEventLoop.get(), "... off the event loop");
        Outcome again = checkOnEventLoop(token);
        assertTrue(again.immediate(), "a remembered token needs no worker hop");
        assertEquals(Verdict.AUTHENTICATED, again.verdict());
        assertEquals(1, parses.get(), "and no second verification");
    }

    @Test
    void theGatewaysOwnEndpointsShareTheCache() throws Exception {
        String token = freshToken();
        given().auth().oauth2(token).get("/auth/me").then().statusCode(200);
        Outcome outcome = checkOnEventLoop(token);
        assertTrue(outcome.immediate(), "verified by /auth/me, remembered for the routing");
        assertEquals(Verdict.AUTHENTICATED, outcome.verdict());
        assertEquals(0, parses.get());
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
                assertEquals(Verdict.REJECTED, checkOnEventLoop(token).verdict(), token);
                assertNull(cache.remembered(token, verification), "a refused token is never remembered: " + token);
            }
        }
        assertEquals(2 * refused.length, parses.get(), "each refusal is a verification of its own");
        assertEquals(0, parsesOnEventLoop.get());
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
