package org.gonghui.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gonghui.platform.security.OrgCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * volunteer-service's {@code GET /api/v1/volunteer/volunteers/{id}} as the account check sees it: 200 with the
 * volunteer's org when it lies in the token's org subtree, else 404 (the service's own org scoping).
 */
final class StandInVolunteers {

    private final HttpServer server;
    private final Map<UUID, String> orgs = new ConcurrentHashMap<>();

    StandInVolunteers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/volunteer/volunteers/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A volunteer of {@code org}; returns its id. */
    UUID add(String org) {
        UUID id = UUID.randomUUID();
        orgs.put(id, org);
        return id;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/api/v1/volunteer/volunteers/".length());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String tokenOrg = null;
        if (auth != null && auth.startsWith("Bearer ")) {
            JsonNode claims = Gateway.JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1]));
            tokenOrg = claims.path("org").asText(null);
        }
        String org;
        try {
            org = orgs.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            org = null;
        }
        byte[] body;
        int status;
        if (org != null && OrgCodes.covers(tokenOrg, org)) {
            status = 200;
            body = ("{\"id\":\"" + id + "\",\"orgCode\":\"" + org + "\"}").getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
            body = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
