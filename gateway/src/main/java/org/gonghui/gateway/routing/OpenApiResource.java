package org.gonghui.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /openapi}: the gateway's own OpenAPI document with the paths and components of each service merged in.
 * A service that does not answer is left out and named under {@code x-gonghui-upstreams}.
 */
@Path("/openapi")
public class OpenApiResource {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final RoutingConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public OpenApiResource(RoutingConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI document of the gateway and the three services")
    public JsonNode merged(@Context UriInfo uri) {
        URI self = uri.getBaseUri().resolve("/q/openapi?format=json");
        CompletableFuture<JsonNode> own = fetch(self);
        Map<String, CompletableFuture<JsonNode>> services = new LinkedHashMap<>();
        config.upstreams().forEach((name, base) -> services.put(name,
                fetch(URI.create(base.replaceAll("/+$", "") + "/q/openapi?format=json"))));

        JsonNode gateway = own.join();
        ObjectNode merged = gateway instanceof ObjectNode o ? o : json.createObjectNode().put("openapi", "3.1.0");
        merged.withObject("info").put("title", "Gonghui API").put("description",
                "The gateway and the honors, welfare and volunteer services behind it (merged by the gateway)");
        ObjectNode status = json.createObjectNode();
        for (var entry : services.entrySet()) {
            JsonNode doc = entry.getValue().join();
            if (doc == null || !doc.isObject()) {
                status.put(entry.getKey(), "unavailable");
                continue;
            }
            status.put(entry.getKey(), "merged");
            mergeFields(merged.withObject("paths"), doc.path("paths"));
            JsonNode components = doc.path("components");
            for (Iterator<String> kinds = components.fieldNames(); kinds.hasNext();) {
                String kind = kinds.next();
                mergeFields(merged.withObject("components").withObject(kind), components.path(kind));
            }
            if (doc.path("tags").isArray()) {
                doc.path("tags").forEach(tag -> merged.withArray("tags").add(tag));
            }
        }
        merged.set("x-gonghui-upstreams", status);
        return merged;
    }

    /** First writer wins: the gateway's own entries, then the services in configuration order. */
    private static void mergeFields(ObjectNode target, JsonNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!target.has(field.getKey())) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private CompletableFuture<JsonNode> fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                return null;
            }
            try {
                return json.readTree(response.body());
            } catch (java.io.IOException e) {
                return (JsonNode) null;
            }
        }).exceptionally(e -> null);
    }
}
