package org.gonghui.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The gateway's public API as one clerk sees it: a login, then JSON calls with that account's bearer token. Nothing
 * else: the demo never talks to a service port or a database.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status and JSON body (NullNode when empty or not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode require(String what) {
            if (!ok()) {
                throw new DemoException(what + ": HTTP " + status + " " + body);
            }
            return body;
        }
    }

    private final HttpClient http;
    private final String base;
    private final String username;
    private volatile String password;
    private volatile String token;

    Api(HttpClient http, String base, String username, String password) {
        this.http = http;
        this.base = base.replaceAll("/+$", "");
        this.username = username;
        this.password = password;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String username() {
        return username;
    }

    Api login() {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(body(Map.of("username", username, "password", password))), false);
        token = r.require("login of " + username).path("accessToken").asText();
        return this;
    }

    /**
     * After an admin's reset the account must choose its own password before it can log in (the gateway's
     * {@code mustChangePassword}): trade the temporary one for this account's password, which also logs in.
     */
    Api replaceTemporaryPassword(String temporary) {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/auth/password"))
                .header("Content-Type", "application/json")
                .POST(body(Map.of("username", username, "password", temporary, "newPassword", password))), false);
        token = r.require("password change of " + username).path("accessToken").asText();
        return this;
    }

    Reply get(String path) {
        return call("GET", path, null, null, null);
    }

    Reply post(String path, Object body) {
        return call("POST", path, body, null, null);
    }

    Reply post(String path, Object body, String idempotencyKey) {
        return call("POST", path, body, idempotencyKey, null);
    }

    Reply patch(String path, Object body) {
        return call("PATCH", path, body, null, null);
    }

    Reply postCsv(String path, String csv, String idempotencyKey) {
        return call("POST", path, csv, idempotencyKey, "text/csv");
    }

    byte[] download(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET();
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new DemoException("GET " + path + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new DemoException("GET " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }

    private Reply call(String method, String path, Object body, String idempotencyKey, String contentType) {
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120));
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else if (body instanceof String text) {
                b.header("Content-Type", contentType == null ? "application/json" : contentType + "; charset=utf-8");
                b.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            } else {
                b.header("Content-Type", "application/json").method(method, body(body));
            }
            Reply r = send(b, attempt < 4);
            // a token outlives the demo (15 min), but a long first build could age it: log in again once
            if (r.status() == 401 && attempt == 1) {
                login();
                continue;
            }
            // 429/502/503/504 are transient under load (an open circuit in the gateway closes after 5 s); so is a 408
            // from the gateway's slow-body guard, which on a saturated machine also fires on a small body whose
            // endpoint is still busy (seen on account creation at load 34). A repeat is safe: idempotency keys replay,
            // and a batch or an account that did commit answers 409 the second time
            if ((r.status() == 408 || r.status() == 429 || r.status() == 502 || r.status() == 503
                    || r.status() == 504) && attempt < 8) {
                sleep(1_000L * attempt);
                continue;
            }
            return r;
        }
    }

    private Reply send(HttpRequest.Builder request, boolean retryIo) {
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String text = r.body();
                JsonNode node = NullNode.getInstance();
                if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                    node = JSON.readTree(text);
                }
                return new Reply(r.statusCode(), node);
            } catch (IOException e) {
                if (!retryIo || attempt >= 3) {
                    throw new DemoException("cannot reach the gateway at " + base + ": " + e.getMessage());
                }
                sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted");
            }
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }
}
