package org.gonghui.systemtests.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.gonghui.systemtests.RunningSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Raw HTTP for the sweeps: bodies as exact bytes (so non-UTF-8 and truncated JSON reach the server as sent), any
 * content type, any path, and a check that an error answer is RFC 9457 problem+json without a stack trace or HTML.
 */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    record Answer(String method, String target, int status, String contentType, String body) {

        boolean is4xx() {
            return status >= 400 && status < 500;
        }

        /** Why this error answer is not a clean problem+json, or null when it is one. */
        String problemDefect() {
            if (status < 400) {
                return null;
            }
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                return "content type " + contentType + " instead of application/problem+json";
            }
            if (Ledger.STACK_TRACE.matcher(body).find()) {
                return "stack trace in body";
            }
            if (body.toLowerCase().contains("<html")) {
                return "HTML in body";
            }
            try {
                JsonNode node = JSON.readTree(body);
                if (node.path("status").asInt() != status || !node.hasNonNull("title")) {
                    return "problem body without matching status/title: " + abbreviate(body);
                }
            } catch (IOException e) {
                return "problem body is not JSON: " + abbreviate(body);
            }
            return null;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(method + " " + target + " answered " + status + " with non-JSON: "
                        + abbreviate(body), e);
            }
        }

        @Override
        public String toString() {
            return method + " " + abbreviate(target) + " -> " + status + " " + contentType + " " + abbreviate(body);
        }
    }

    private Wire() {
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
    }

    static Answer send(String base, String method, String target, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(r.body(), StandardCharsets.UTF_8);
            Ledger.inspectResponse(text);
            return new Answer(method, target, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    text);
        } catch (IOException e) {
            throw new AssertionError(method + " " + abbreviate(target) + " failed on the wire: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Answer gateway(String method, String target, String token, String contentType, byte[] body) {
        return send(RunningSuite.GATEWAY, method, target, token, contentType, body, Map.of());
    }

    static Answer json(String method, String target, String token, Object body) {
        try {
            return gateway(method, target, token, "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Base URL of a service's own port (base+1..3), for the zero-trust checks that skip the gateway. */
    static String servicePort(int offset) {
        int base = Integer.parseInt(System.getenv().getOrDefault("SUITE_HTTP_PORT_BASE", "8080"));
        return "http://localhost:" + (base + offset);
    }
}
