package org.gonghui.gateway.routing;

import java.util.Map;

import org.gonghui.platform.errors.Problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** problem+json answers written by the routing layer itself (it runs outside JAX-RS and its mappers). */
public final class Problems {

    /** Bodies up to this size are read and dropped after an early answer instead of closing the connection. */
    private static final long MAX_DRAINED = 64L * 1024 * 1024;

    private Problems() {
    }

    private static long declaredLength(RoutingContext ctx) {
        try {
            String value = ctx.request().getHeader("Content-Length");
            return value == null ? Long.MAX_VALUE : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static Buffer body(int status, String slug, String title, String detail, String instance,
            Map<String, Object> extensions) {
        JsonObject json = new JsonObject().put("type", Problem.TYPE_PREFIX + slug).put("title", title)
                .put("status", status).put("detail", detail).put("instance", instance);
        extensions.forEach(json::put);
        return json.toBuffer();
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        Buffer body = body(status, slug, title, detail, ctx.request().path(), Map.of());
        response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (status == 413 && declaredLength(ctx) > MAX_DRAINED) {
            // not worth reading an oversized body to the end just to keep the connection
            response.putHeader("Connection", "close");
        }
        // the body the client is still sending is read and discarded, so it can read this answer (an HTTP/2 request
        // whose body has ended refuses resume() with an exception)
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
        response.end(body);
    }
}
