package org.gonghui.gateway.routing;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.util.TypeLiteral;

import org.gonghui.platform.errors.Problem;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * One service behind the gateway: a {@code vertx-http-proxy} reverse proxy (streaming, hop-by-hop headers dropped)
 * plus our interceptor, guarded by a circuit breaker so a service that is down costs a fast 503, not a hang.
 *
 * <p>Each event loop proxies through a client of its own. A Vert.x connection lives on the event loop that opened it,
 * and a shared client hands out its most recently used connection whatever loop asks: the request and the answer
 * then cross between two loops (two task hand-offs and thread wake-ups per request, on every loop but one). A client
 * used by one loop only opens all its connections there, so a proxied request stays on the loop that received it.
 */
final class Upstream implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(Upstream.class);

    /** Headers a client could use to claim an identity; only the verified bearer token carries identity. */
    static final Pattern IDENTITY_HEADERS = Pattern.compile("(?i)^(x-forwarded-(user|email|preferred-username|groups"
            + "|access-token)|x-auth-request-.*|x-authenticated-.*|x-remote-.*|remote-user|x-user.*|x-org.*|x-roles?"
            + "|x-groups?|x-principal.*|x-volunteer.*|x-gonghui-.*|x-consumer-.*|x-client-(id|cert).*)$");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final String[] HOP_BY_HOP = { "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "upgrade" };

    private final String name;
    private final Supplier<HttpProxy> newProxy;
    /** event-loop thread -> its own proxy and client */
    private final Map<Thread, HttpProxy> proxies = new ConcurrentHashMap<>();
    /** for a call from any other thread (none is expected: the router calls on event loops), made on first use */
    private volatile HttpProxy shared;
    private final TypedGuard<CompletionStage<ProxyResponse>> guard;
    private final RoutingConfig config;

    Upstream(String name, URI base, Supplier<HttpClient> newClient, RoutingConfig config) {
        this.name = name;
        this.config = config;
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80);
        String host = base.getHost();
        this.newProxy = () -> HttpProxy.reverseProxy(newClient.get())
                .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                        .setHost(host).setPort(port).setSsl(ssl)
                        .setConnectTimeout(config.connectTimeout().toMillis())
                        .setIdleTimeout(config.timeout().toMillis())))
                .addInterceptor(this);
        RoutingConfig.CircuitBreaker cb = config.circuitBreaker();
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<ProxyResponse>>() {
        }).withDescription("upstream " + name)
                .withCircuitBreaker()
                .name("upstream-" + name)
                .requestVolumeThreshold(cb.requestVolumeThreshold())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(cb.successThreshold())
                // not the service's fault: a body over the limit, a client that hung up (wrk does at the end of a run)
                .skipOn(java.util.List.of(BodyLimitStream.TooLarge.class, ClientGone.class))
                .onStateChange(state -> LOG.infof("circuit breaker of %s is now %s", name, state))
                .done()
                .withThreadOffload(false)
                .build();
    }

    String name() {
        return name;
    }

    void forward(io.vertx.core.http.HttpServerRequest request) {
        HttpProxy proxy = Context.isOnEventLoopThread()
                ? proxies.computeIfAbsent(Thread.currentThread(), loop -> newProxy.get())
                : shared();
        proxy.handle(request);
    }

    private HttpProxy shared() {
        HttpProxy proxy = shared;
        if (proxy == null) {
            synchronized (this) {
                proxy = shared;
                if (proxy == null) {
                    shared = proxy = newProxy.get();
                }
            }
        }
        return proxy;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
        ProxyRequest request = ctx.request();
        MultiMap headers = request.headers();
        headers.names().stream().filter(h -> IDENTITY_HEADERS.matcher(h).matches()).toList().forEach(headers::remove);
        clientAddress(headers, request.proxiedRequest().remoteAddress());
        String requestId = headers.get("X-Request-Id");
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            requestId = newRequestId();
        }
        headers.set("X-Request-Id", requestId);
        ctx.set("requestId", requestId);
        headers.set("traceparent", traceparent(headers.get("traceparent")));
        headers.remove("tracestate");

        BodyLimitStream limited = null;
        Body body = request.getBody();
        if (body != null && body.length() < 0) {
            limited = new BodyLimitStream(body.stream(), Routing.bodyLimit(request.proxiedRequest(), config));
            request.setBody(Body.body(limited, -1));
        }
        BodyLimitStream limit = limited;
        Context vertxContext = Vertx.currentContext();
        CompletionStage<ProxyResponse> sent;
        try {
            sent = guard.get(() -> ctx.sendRequest().recover(failure -> Future.failedFuture(
                    clientSideFailure(request, failure) ? new ClientGone(failure) : failure)).toCompletionStage());
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.failedStage(e);
        }
        return Future.fromCompletionStage(sent, vertxContext).recover(failure -> {
            if (limit != null && limit.exceeded()) {
                return Future.succeededFuture(problem(ctx, 413, "payload-too-large", "Payload Too Large",
                        "the request body exceeds " + Routing.bodyLimit(request.proxiedRequest(), config) + " bytes",
                        Map.of()));
            }
            boolean open = failure.getClass().getSimpleName().equals("CircuitBreakerOpenException");
            // a client that hung up reads no answer; the 503 below is written into the void, harmlessly
            LOG.debugf("upstream %s failed: %s", name, failure.toString());
            ProxyResponse response = problem(ctx, 503, "upstream-unavailable", "Service Unavailable",
                    "the " + name + " service is not answering; try again shortly",
                    Map.of("service", name, "circuitOpen", open));
            response.putHeader("Retry-After", Long.toString(Math.max(1, config.circuitBreaker().delay().toSeconds())));
            return Future.succeededFuture(response);
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext ctx) {
        MultiMap headers = ctx.response().headers();
        for (String h : HOP_BY_HOP) {
            headers.remove(h);
        }
        String requestId = ctx.get("requestId", String.class);
        if (requestId != null) {
            headers.set("X-Request-Id", requestId);
        }
        return ctx.sendResponse();
    }

    /**
     * Whether an upstream call failed because of the client rather than the service. The proxy resets its own
     * upstream request (a {@link StreamResetException}; the services speak HTTP/1.1, which has no resets of its
     * own) only when the client's side broke: its connection or stream failed (a reset arrives before the close) or
     * its request body did (cut off, or over the limit). A timeout or a closed upstream connection is another
     * exception.
     */
    static boolean clientSideFailure(ProxyRequest request, Throwable failure) {
        return failure instanceof StreamResetException || request.proxiedRequest().response().closed();
    }

    /** The upstream call failed because the client went away (its connection or stream closed), not the service. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("the client closed the connection", cause, false, false);
        }
    }

    private static ProxyResponse problem(ProxyContext ctx, int status, String slug, String title, String detail,
            Map<String, Object> extensions) {
        ProxyRequest request = ctx.request();
        String path = request.proxiedRequest().path();
        // release() resumes the client's body so it is read and dropped. Once the body has ended, resuming an HTTP/2
        // request throws ("Request has already been read"): that exception used to escape here and the library's
        // own 502 fallback threw too, so an HTTP/2 client (java.net.http asks for it by default) got no answer at all
        // when a service died holding its request (issue 3, bug a).
        if (!request.proxiedRequest().isEnded()) {
            request.release();
        }
        ProxyResponse response = request.response().setStatusCode(status);
        response.headers().clear();
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 413) {
            response.putHeader("Connection", "close");
        }
        response.setBody(Body.body(Problems.body(status, slug, title, detail, path, extensions)));
        return response;
    }

    /**
     * The services believe X-Forwarded-For from the gateway (their per-client throttles, e.g. public objections), so
     * a client must not choose it: the gateway replaces whatever came in with the address it resolved itself (the
     * socket peer, or what a trusted ingress reported when {@code quarkus.http.proxy.*} says there is one).
     */
    static void clientAddress(MultiMap headers, io.vertx.core.net.SocketAddress client) {
        for (String h : new String[] { "X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Client-IP",
                "True-Client-IP", "CF-Connecting-IP" }) {
            headers.remove(h);
        }
        if (client != null && client.hostAddress() != null) {
            headers.set("X-Forwarded-For", client.hostAddress());
        }
    }

    /**
     * A random (version 4) UUID for a request that came without a usable X-Request-Id. It only has to be unique, not
     * unguessable, so it comes from the thread's own generator rather than {@link UUID#randomUUID()}'s shared
     * SecureRandom, which every event loop would contend for on every request.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(3L << 62)) | (2L << 62);
        return new UUID(high, low).toString();
    }

    /** Continues the caller's trace when it sent a valid traceparent, else starts one; always a new parent span id. */
    static String traceparent(String inbound) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String spanId = hex16(random.nextLong() | 1L);
        if (inbound != null) {
            var m = TRACEPARENT.matcher(inbound.strip());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return "00-" + m.group(1) + "-" + spanId + "-" + m.group(3);
            }
        }
        String traceId = hex16(random.nextLong()) + hex16(random.nextLong() | 1L);
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** 16 lower-case hex digits (String.format costs a parse of its pattern on every request). */
    private static String hex16(long value) {
        String digits = Long.toHexString(value);
        return digits.length() == 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }
}
