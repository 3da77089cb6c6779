package org.gonghui.gateway.routing;

import java.util.Map;

import org.gonghui.platform.errors.Problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** problem+json answers written by the routing layer itself (it runs outside JAX-RS and its mappers). */
final class Problems {

    private Problems() {
    }

    static Buffer body(int status, String slug, String title, String detail, String instance,
            Map<String, Object> extensions) {
        JsonObject json = new JsonObject().put("type", Problem.TYPE_PREFIX + slug).put("title", title)
                .put("status", status).put("detail", detail).put("instance", instance);
        extensions.forEach(json::put);
        return json.toBuffer();
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
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
        if (status == 413) {
            // the unread body would otherwise be parsed as the next request
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
