package org.gonghui.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GETs JSON from the services with the caller's token, for answers the gateway composes (audit, report). */
@Singleton
public class UpstreamCalls {

    private final RoutingConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public UpstreamCalls(RoutingConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public Map<String, String> services() {
        return config.upstreams();
    }

    /** The service's JSON answer, or null when it fails, answers other than 200, or takes longer than timeout. */
    public CompletableFuture<JsonNode> get(String service, String pathAndQuery, String authorization,
            Duration timeout) {
        String base = config.upstreams().get(service).replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                return (JsonNode) null;
            }
            try {
                return json.readTree(response.body());
            } catch (java.io.IOException e) {
                return null;
            }
        }).exceptionally(e -> null);
    }
}
