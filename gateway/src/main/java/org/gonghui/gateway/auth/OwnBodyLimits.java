package org.gonghui.gateway.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.gonghui.gateway.routing.Problems;
import org.gonghui.gateway.routing.RoutingConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Issue 19.3: small bodies for the gateway's own endpoints, which never need more than a few KiB: 413 problem+json
 * from the declared {@code Content-Length} before a byte of the body is read (auth bodies 4 KiB, accounts, orgs and
 * the rest 64 KiB). A chunked body without a length is cut at {@code quarkus.http.limits.max-body-size} (64 KiB) by
 * Quarkus REST while it reads. Proxied routes ({@code /api/v1/<service>/**}, imports included) keep the routing's
 * own limits and never reach this route's check.
 */
@ApplicationScoped
public class OwnBodyLimits {

    /** After the security headers (-1000) and the body deadline (-999), before the proxy route (-250). */
    static final int ORDER = -998;

    @ConfigMapping(prefix = "gonghui.own-endpoints")
    public interface Config {
        /** {@code /auth/**}: credentials and tokens. */
        @WithDefault("4096")
        long authBodyLimit();

        /** Every other endpoint of the gateway itself (accounts, orgs). */
        @WithDefault("65536")
        long bodyLimit();
    }

    private final Config config;
    private final Set<String> proxied;

    public OwnBodyLimits(Config config, RoutingConfig routing) {
        this.config = config;
        this.proxied = routing.upstreams().keySet();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        String path = ctx.request().path();
        String length = ctx.request().getHeader("Content-Length");
        if (length == null || isProxied(path)) {
            ctx.next();
            return;
        }
        long limit = path.startsWith("/auth/") ? config.authBodyLimit() : config.bodyLimit();
        if (parse(length) > limit) {
            Problems.send(ctx, 413, "payload-too-large", "Payload Too Large",
                    "the request body exceeds " + limit + " bytes, the limit of " + path);
            return;
        }
        ctx.next();
    }

    private boolean isProxied(String path) {
        if (!path.startsWith("/api/v1/")) {
            return false;
        }
        int end = path.indexOf('/', "/api/v1/".length());
        return proxied.contains(end < 0 ? path.substring("/api/v1/".length()) : path.substring("/api/v1/".length(), end));
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
