package org.gonghui.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Issue 3, gateway bugs (a) and (b). (a) A service that dies while it handles a request (killed, connection closed or
 * reset, before its answer, in the middle of the request body or of its own answer) must still get the client an
 * answer: 503 problem+json, or the connection closed when the answer had already begun. (b) Clients that give up
 * mid-request are not the service's fault and must not open its circuit breaker.
 *
 * <p>The client waits at most 60 s: only a hang fails (the routing timeout here is 2 s); nothing is timed.
 */
@QuarkusTest
@TestProfile(UpstreamFaultsTest.Faulty.class)
class UpstreamFaultsTest {

    /** The faulty stand-ins: one service name per way of breaking, plus one on a port a real process will hold. */
    public static class Faulty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            int faulty = freePort();
            for (String way : FaultyUpstream.WAYS) {
                config.put("gonghui.routing.upstreams." + way, "http://127.0.0.1:" + faulty);
            }
            config.put("gonghui.routing.upstreams.killed", "http://127.0.0.1:" + freePort());
            return config;
        }
    }

    private static final String TOKEN = TestTokens.token("clerk", "ld.lsj", "staff");
    private static final Duration HANG = Duration.ofSeconds(60);
    private static FaultyUpstream faulty;

    @BeforeAll
    static void startTheStandIn() {
        if (faulty == null) {
            faulty = new FaultyUpstream(port("drops"));
        }
    }

    @Test
    void aServiceThatClosesOrResetsBeforeItsAnswerIs503() throws Exception {
        for (String way : new String[] { "drops", "resets" }) {
            for (HttpClient.Version version : HttpClient.Version.values()) {
                int before = faulty.seen(way);
                HttpResponse<String> answer = send(version, "POST", "/api/v1/" + way + "/applications/1/pay", "{}");
                assertEquals(503, answer.statusCode(), way + " " + version + ": " + answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
                assertTrue(answer.body().contains("/problems/upstream-unavailable"), answer.body());
                assertEquals(before + 1, faulty.seen(way), way + ": the request reached the service");
            }
        }
    }

    @Test
    void aServiceThatDiesWhileTheRequestBodyIsStillComingIs503() throws Exception {
        String body = "{\"note\":\"" + "x".repeat(900_000) + "\"}";
        HttpResponse<String> answer = send(HttpClient.Version.HTTP_1_1, "POST", "/api/v1/dies-mid-request/cases",
                body);
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("/problems/upstream-unavailable"), answer.body());
        assertEquals(1, faulty.seen("dies-mid-request"));
    }

    @Test
    void aServiceThatDiesInTheMiddleOfItsAnswerGetsTheClientsConnectionClosed() throws Exception {
        // the status line has gone out already: all the gateway can do is to cut the answer short, not hang
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout((int) HANG.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/dies-mid-response/cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] received = socket.getInputStream().readAllBytes(); // until the gateway closes
            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            assertTrue(received.length < 100_000, "the answer was cut short: " + received.length + " bytes");
        } catch (java.net.SocketTimeoutException e) {
            fail("the gateway left a cut-off answer open for " + HANG);
        } catch (java.net.SocketException e) {
            // reset instead of closed: also an end the client sees at once
        }
        assertEquals(1, faulty.seen("dies-mid-response"));
    }

    /**
     * The fault test's case: a real process killed with SIGKILL while it holds the request (the payout inside welfare
     * when {@code ./suite kill welfare-service} runs).
     */
    @Test
    void aProcessKilledWhileItHoldsTheRequestIs503() throws Exception {
        Path source = Files.createTempFile("victim", ".java");
        Path victimSource = source.resolveSibling("Victim.java");
        Files.writeString(victimSource, """
                import java.io.*;
                import java.net.*;
                public class Victim {
                    public static void main(String[] args) throws Exception {
                        ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress());
                        System.out.println("listening");
                        while (true) {
                            Socket s = server.accept();
                            new Thread(() -> {
                                try {
                                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()));
                                    String line;
                                    while ((line = in.readLine()) != null && !line.isEmpty()) { }
                                    System.out.println("inside");
                                    Thread.sleep(600_000);
                                } catch (Exception e) { }
                            }).start();
                        }
                    }
                }
                """);
        Files.deleteIfExists(source);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process victim = new ProcessBuilder(java, victimSource.toString(), Integer.toString(port("killed")))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream()));
            assertEquals("listening", out.readLine());
            // the client of the fault tests: java.net.http with its defaults (HTTP/2 asked for by upgrade)
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> answer = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/killed/applications/1/pay"))
                    .timeout(HANG).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("inside", out.readLine());
            victim.destroyForcibly(); // SIGKILL
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
            HttpResponse<String> reply = answer.get(HANG.toSeconds() + 5, TimeUnit.SECONDS);
            assertEquals(503, reply.statusCode(), reply.body());
            assertTrue(reply.body().contains("/problems/upstream-unavailable"), reply.body());
        } finally {
            victim.destroyForcibly();
            Files.deleteIfExists(victimSource);
        }
    }

    /**
     * Bug (b): wrk closes its connections at the end of a run with requests in flight. Those requests failed inside the
     * gateway and counted against the service, so the breaker opened and the next clients got 503 for 5 s.
     */
    @Test
    void clientsThatGiveUpDoNotOpenTheServicesCircuitBreaker() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/v1/slow/things/" + i + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                int reached = i + 1;
                // the request is inside the service: give up on it
                Awaitility.await().atMost(HANG).until(() -> faulty.seen("slow") >= reached);
                socket.setSoLinger(true, 0);
            }
        }
        // and over HTTP/2 too: the upgrade request, then a request on the upgraded connection
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + RestAssured.port + "/api/v1/slow/things/after")).timeout(HANG)
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"slow\":true}", answer.body());
        }
    }

    private static HttpResponse<String> send(HttpClient.Version version, String method, String path, String body)
            throws Exception {
        try {
            return sendAsync(version, method, path, body).get(HANG.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                fail(method + " " + path + ": no answer within " + HANG);
            }
            throw e;
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(HttpClient.Version version, String method,
            String path, String body) {
        HttpClient client = HttpClient.newBuilder().version(version).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(HANG).header("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(String service) {
        String url = ConfigProvider.getConfig().getValue("gonghui.routing.upstreams." + service, String.class);
        return URI.create(url).getPort();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
