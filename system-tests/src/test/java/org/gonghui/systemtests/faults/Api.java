package org.gonghui.systemtests.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A plain HTTP client for the load of the fault tests: many small calls from a few threads, each bounded by a
 * request timeout, so that a hanging service shows as a failure rather than a stuck test.
 */
final class Api {

    // longer than the gateway's own routing timeout (30 s, then 503 upstream-unavailable), so a silent service shows
    // as the gateway's answer and a silent gateway as a timeout here
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer; {@code status} -1 for a connection failure, -2 for a timeout (no answer in 40 s). */
    record Reply(int status, String contentType, JsonNode body, String raw) {

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        String problemType() {
            return body.path("type").asText("");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (raw.length() > 400 ? raw.substring(0, 400) + "..." : raw);
        }
    }

    private Api() {
    }

    static Reply call(String method, String url, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body() == null ? "" : response.body();
            JsonNode json;
            try {
                json = raw.isBlank() ? MissingNode.getInstance() : JSON.readTree(raw);
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), json, raw);
        } catch (HttpTimeoutException e) {
            return new Reply(-2, null, MissingNode.getInstance(), "timeout: " + e.getMessage());
        } catch (IOException e) {
            return new Reply(-1, null, MissingNode.getInstance(), "connection: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
