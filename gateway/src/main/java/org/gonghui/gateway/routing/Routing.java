package org.gonghui.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.gonghui.platform.errors.Problem;
import org.gonghui.platform.upload.TableUpload;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Mounts {@code /api/v1/<service>/**} on the Vert.x router: body limit and token check first (401/413 before any
 * byte reaches a service), then the reverse proxy with paths, query strings and bodies unchanged. Also sets the
 * security headers on every response of the gateway, proxied or not.
 */
@ApplicationScoped
public class Routing {

    private static final Logger LOG = Logger.getLogger(Routing.class);

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Cross-Origin-Resource-Policy", "same-origin");

    /** The console's own files only: its module script, stylesheet and API calls all come from this origin. */
    public static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Kept-alive connections to one service from one event loop (each loop has its own; see Upstream). */
    static final int UPSTREAM_CONNECTIONS_PER_LOOP = 100;

    /**
     * Where the proxy route sits among Quarkus's own routes: after its CORS filter (order -300, so preflights and CORS
     * headers work as on every route) and before its authentication (-200), authorization (-100) and upload-limit
     * (-2) routes. Those have nothing to do for a proxied request, whose token {@link TokenGate} checks and whose body
     * limits this class enforces; one of them also maps every request against Quarkus REST's resources to name its
     * metrics (a new matcher per request: a tenth of the gateway's allocation per proxied GET).
     */
    static final int PROXY_ROUTE_ORDER = -250;

    /** How much longer than the routing timeout the answer deadline waits before answering 503 itself. */
    static final java.time.Duration ANSWER_DEADLINE_MARGIN = java.time.Duration.ofSeconds(3);

    private final RoutingConfig config;
    private final TokenGate gate;
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

    public Routing(RoutingConfig config, TokenGate gate) {
        this.config = config;
        this.gate = gate;
    }

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(-1000).handler(Routing::securityHeaders);
        router.route().order(-999).handler(this::bodyDeadline);
        // "/console" without the slash: send the browser to the console's page (Vert.x also matches "/console/" here)
        router.route("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });

        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setTracingPolicy(TracingPolicy.IGNORE); // we write traceparent ourselves, once
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(UPSTREAM_CONNECTIONS_PER_LOOP);
        config.upstreams().forEach((name, url) -> {
            Upstream upstream = new Upstream(name, URI.create(url), () -> vertx.createHttpClient(options, pool), config);
            upstreams.put(name, upstream);
            LOG.infof("routing /api/v1/%s/** to %s", name, url);
        });
        String names = String.join("|", upstreams.keySet());
        router.routeWithRegex("^/api/v1/(" + names + ")(/.*)?$").order(PROXY_ROUTE_ORDER).handler(this::gateAndForward);
    }

    Map<String, Upstream> upstreams() {
        return upstreams;
    }

    private void gateAndForward(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        String service = path.substring("/api/v1/".length()).split("/", 2)[0];
        Upstream upstream = upstreams.get(service);
        long limit = bodyLimit(request, config);
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && parseLength(contentLength) > limit) {
            Problems.send(ctx, 413, "payload-too-large", "Payload Too Large",
                    "the request body exceeds " + limit + " bytes");
            return;
        }
        if (!request.isEnded()) {
            request.pause(); // the body waits until the token is checked
        }
        gate.check(request.method(), path, request.getHeader("Authorization")).onComplete(verdict -> {
            if (verdict.failed() || verdict.result() == TokenGate.Verdict.REJECTED) {
                Problems.send(ctx, 401, "unauthorized", "Unauthorized",
                        "a valid bearer token from POST /auth/token is required");
                return;
            }
            upstream.forward(request);
            answerDeadline(ctx, service);
        });
    }

    /**
     * A last guard of the promise that every proxied request gets an answer: the proxy answers a silent or dead
     * service with 503 after the routing timeout; should an answer still be missing a little later (a path of the
     * proxy library that loses it, as issue 3's bug (a) did), the gateway answers 503 itself. The clock starts when
     * the request body is complete (a slow upload is the body deadline's business); an answer whose head went out
     * is left alone (a streamed download may take long; the upstream idle timeout cuts it off if it stalls).
     */
    private void answerDeadline(RoutingContext ctx, String service) {
        if (ctx.response().ended()) {
            // answered at once (an open circuit breaker's 503): nothing to guard, and Vert.x refuses an end handler
            // on an ended response ("Response has already been written", logged as a failed request)
            return;
        }
        long timer = ctx.vertx().setTimer(config.timeout().plus(ANSWER_DEADLINE_MARGIN).toMillis(), id -> {
            HttpServerResponse response = ctx.response();
            if (response.ended() || response.closed() || response.headWritten()) {
                return;
            }
            if (!ctx.request().isEnded()) {
                answerDeadline(ctx, service);
                return;
            }
            LOG.warnf("no answer to %s %s from the %s route within %s: answering 503", ctx.request().method(),
                    ctx.request().path(), service, config.timeout().plus(ANSWER_DEADLINE_MARGIN));
            response.setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Long.toString(Math.max(1, config.circuitBreaker().delay().toSeconds())))
                    .end(Problems.body(503, "upstream-unavailable", "Service Unavailable", "the " + service
                            + " service is not answering; try again shortly", ctx.request().path(),
                            Map.of("service", service, "circuitOpen", false)));
        });
        ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
    }

    /**
     * Slow-loris guard for every route, proxied or the gateway's own: the whole request body must arrive within the
     * body timeout. Vert.x's idle timeout alone never fires for a client that sends a byte every few seconds.
     */
    private void bodyDeadline(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // a request with neither Content-Length nor chunked encoding has no body (RFC 9112 6.3); such a GET may stay
        // "not ended" while a slow blocking endpoint (the annual report) works, and must not get a 408 for that
        if (!request.isEnded() && hasBody(request)) {
            boolean csv = bodyLimit(request, config) == config.csvBodyLimit();
            java.time.Duration timeout = csv ? config.csvBodyTimeout() : config.bodyTimeout();
            long timer = ctx.vertx().setTimer(timeout.toMillis(), id -> {
                if (request.isEnded()) {
                    return;
                }
                LOG.debugf("request body of %s %s not complete after %s: closing", request.method(), request.path(),
                        timeout);
                HttpServerResponse response = ctx.response();
                if (response.headWritten() || response.ended()) {
                    request.connection().close();
                    return;
                }
                response.setStatusCode(408).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Problems.body(408, "request-timeout", "Request Timeout", "the request body did not arrive "
                                + "within " + timeout.toSeconds() + " s", request.path(), Map.of()))
                        .onComplete(done -> request.connection().close());
            });
            // an early answer (401, 413, 503) does not end the guard: the client may still be trickling its body
            ctx.addEndHandler(done -> {
                if (request.isEnded()) {
                    ctx.vertx().cancelTimer(timer);
                }
            });
        }
        ctx.next();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    static long bodyLimit(HttpServerRequest request, RoutingConfig config) {
        // tables (CSV in any charset, xlsx workbooks) are imports, with the import limit and timeout
        return TableUpload.isTable(request.getHeader("Content-Type")) ? config.csvBodyLimit() : config.jsonBodyLimit();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void securityHeaders(RoutingContext ctx) {
        // the dev-only Swagger UI under /q/ needs scripts and styles; the API itself needs none
        String path = ctx.request().path();
        boolean quarkusPage = path.startsWith("/q/");
        boolean console = path.equals("/console") || path.startsWith("/console/");
        ctx.addHeadersEndHandler(v -> {
            var headers = ctx.response().headers();
            SECURITY_HEADERS.forEach((name, value) -> {
                if (!(quarkusPage && name.equals("Content-Security-Policy"))) {
                    headers.set(name, value);
                }
            });
            if (console) {
                headers.set("Content-Security-Policy", CONSOLE_CSP);
                // the page names its hashed assets (cached for long); the page itself must be checked on every load,
                // or a browser keeps asking for the assets of an old release
                if (!path.startsWith("/console/assets/")) {
                    headers.set("Cache-Control", "no-cache");
                }
            }
        });
        ctx.next();
    }
}
