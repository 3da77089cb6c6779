package org.gonghui.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service behind the gateway (the real ones are tested end to end later): it echoes what it
 * received as JSON, answers with the status asked for in {@code X-Echo-Status}, serves a small OpenAPI document, and
 * never answers a path containing {@code /hang}; {@code .../stats} answers like a service's stats (never for 2014).
 */
final class StandInUpstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    private final boolean servesOpenApi;
    private final List<HttpExchange> hanging = new CopyOnWriteArrayList<>();

    StandInUpstream(String name, boolean servesOpenApi) {
        this.name = name;
        this.servesOpenApi = servesOpenApi;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in-" + name);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/q/openapi")) {
            if (!servesOpenApi) {
                respond(exchange, 500, "text/plain", "broken".getBytes());
                return;
            }
            String doc = """
                    {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
                     "paths":{"/api/v1/%1$s/things":{"get":{"summary":"things of %1$s"}}},
                     "components":{"schemas":{"%1$sThing":{"type":"object"}}}}""".formatted(name);
            respond(exchange, 200, "application/json", doc.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.endsWith("/audit")) {
            // two entries of this service, saying whether a token came along and which query
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String entries = "[{\"id\":2,\"at\":\"2026-03-0%2$sT10:00:00Z\",\"service\":\"%1$s\",\"actor\":\"x\","
                    + "\"action\":\"b\",\"detail\":\"%3$s\"},{\"id\":1,\"at\":\"2020-01-0%2$sT10:00:00Z\","
                    + "\"service\":\"%1$s\",\"actor\":\"x\",\"action\":\"a\",\"detail\":\"%4$s\"}]";
            respond(exchange, 200, "application/json", entries.formatted(name, name.length() % 9 + 1,
                    auth == null ? "none" : "bearer", exchange.getRequestURI().getRawQuery())
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        requests.incrementAndGet();
        if (path.contains("/hang")) {
            hanging.add(exchange); // never answered
            return;
        }
        if (path.endsWith("/stats") && "year=2014".equals(exchange.getRequestURI().getRawQuery())) {
            hanging.add(exchange); // a service too slow for the report
            return;
        }
        if (path.endsWith("/stats") || path.equals("/api/v1/honors/awards")) {
            respond(exchange, 200, "application/json", JSON.writeValueAsBytes(reportPart(exchange)));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, Object> echo = new TreeMap<>();
        echo.put("service", name);
        echo.put("method", exchange.getRequestMethod());
        echo.put("rawPath", path);
        echo.put("rawQuery", exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        echo.put("headers", headers);
        echo.put("bodyLength", body.length);
        echo.put("body", body.length <= 10_000 ? new String(body, StandardCharsets.UTF_8) : null);
        String status = exchange.getRequestHeaders().getFirst("X-Echo-Status");
        exchange.getResponseHeaders().add("X-Upstream", name);
        respond(exchange, status == null ? 200 : Integer.parseInt(status), "application/json",
                JSON.writeValueAsBytes(echo));
    }

    /**
     * A service's stats for the annual report, shaped like the real ones (with odd fen, a figure the gateway does not
     * know yet and one not given) plus who asked for it; or the honors award catalog (without one of the awards).
     */
    private Object reportPart(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/awards")) {
            return List.of(Map.of("code", "may-day-model", "name", "五一标兵", "nameEn", "May Day Model"),
                    Map.of("code", "loudi-craftsman", "name", "娄底工匠", "nameEn", "Loudi Craftsman"));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("year", 2015);
        stats.put("orgCode", "ld");
        if (name.equals("honors")) {
            stats.put("byAward", new TreeMap<>(Map.of("may-day-model", 68, "loudi-craftsman", 60, "new-award", 2)));
        } else {
            stats.put("enterprisesVisited", 126);
            stats.put("householdsVisited", 426);
            stats.put("condolenceFen", 137_000_005L);
            stats.put("studentAid", Map.of("children", 2541, "amountFen", 619_600_000L));
            stats.put("jobTrainingPeople", 1200);
            stats.put("medicalMutualAidMembers", 110_000);
            stats.put("modelWorkerCondolence", Map.of("national", 29, "provincial", 336, "municipal", 25,
                    "amountFen", 45_000_000L));
            stats.put("communityAidFen", 16_000_099L);
            stats.put("newFigureFen", 1234);
        }
        stats.put("service", name);
        stats.put("rawPath", path);
        stats.put("rawQuery", exchange.getRequestURI().getRawQuery());
        stats.put("headers", Map.of("authorization",
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
        return stats;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
