package org.gonghui.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event propagation latency of flow 1: a model-worker honor conferred in honors (one-row import through the
 * gateway, sent open-loop at a steady rate) until its entry is visible in welfare's model-worker registry.
 *
 * <p>Visibility is watched in welfare's database (a committed row is what the registry API reads) by a poller that
 * asks every millisecond for the pending names only; the latency of a conferral is the poll that first saw it minus
 * the moment its HTTP response arrived (the commit lies before the response), so the resolution is about one poll
 * (~1-2 ms). From the outbox and inbox timestamps the latency is split into relay pick-up (commit to claim) and
 * delivery (claim to the consumer's transaction).
 *
 * <p>Arguments: {@code key=value}: gateway, rate (50), seconds (30), warmup (5), out (JSON file), honorsJdbc,
 * welfareJdbc, pgUser, pgPassword, adminUser, adminPassword.
 */
public final class Propagation {

    private static final String AWARD = "model-worker-municipal";
    private static final int PER_ORG = 250; // a fresh org every 250 conferrals keeps the poll's index scan short

    private final Map<String, String> args;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String run = "pb" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    private final String idPrefix = "43" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    private final int idSeq = ThreadLocalRandom.current().nextInt(1_000);
    private String token;

    private Propagation(Map<String, String> args) {
        this.args = args;
        this.gateway = args.getOrDefault("gateway", "http://localhost:8080");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new Propagation(args).run();
    }

    /** One conferral: when it was due, when its answer came, when welfare had it (System.nanoTime). */
    private static final class Sample {
        final int index;
        final String org;
        final String name;
        final long due;
        volatile long answered;
        volatile int status;
        volatile long visible;

        Sample(int index, String org, String name, long due) {
            this.index = index;
            this.org = org;
            this.name = name;
            this.due = due;
        }
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(args.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
        int total = rate * (seconds + warmup);
        token = login();
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i * PER_ORG < total; i++) {
            String org = "ld." + run + (char) ('a' + i);
            post("/api/v1/orgs", "{\"code\":\"" + org + "\",\"name\":\"bench " + org + "\",\"parentCode\":\"ld\"}", null, 201);
            orgs.add(org);
        }
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Instant startedAt = Instant.now();

        Map<String, Sample> pending = new ConcurrentHashMap<>();
        List<Sample> samples = new ArrayList<>(total);
        AtomicInteger answers = new AtomicInteger();
        long[] polls = new long[1];
        try (Connection welfare = DriverManager.getConnection(args.get("welfareJdbc"), args.get("pgUser"), args.get("pgPassword"))) {
            Thread poller = new Thread(() -> poll(welfare, pending, polls), "visibility-poller");
            poller.setDaemon(true);
            poller.start();

            long start = System.nanoTime() + 200_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String org = orgs.get(i / PER_ORG);
                Sample s = new Sample(i, org, run + "-" + i, due);
                samples.add(s);
                pending.put(s.name, s);
                String body = "[{\"awardCode\":\"" + AWARD + "\",\"year\":" + year + ",\"name\":\"" + s.name
                        + "\",\"idNumber\":\"" + idNumber(i) + "\",\"unitName\":\"bench\",\"orgCode\":\"" + org + "\"}]";
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/honors/honors/import"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    s.answered = System.nanoTime();
                    s.status = error != null ? -1 : response.statusCode();
                    if (s.status != 200 || !response.body().contains("\"accepted\":1")) {
                        pending.remove(s.name);
                        s.status = s.status == 200 ? -3 : s.status;
                    }
                    answers.incrementAndGet();
                });
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((answers.get() < total || !pending.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            poller.interrupt();
            poller.join(2_000);
        }

        List<Sample> measured = samples.subList(rate * warmup, samples.size());
        double[] fromResponse = measured.stream().filter(s -> s.status == 200 && s.visible > 0)
                .mapToDouble(s -> (s.visible - s.answered) / 1e6).sorted().toArray();
        double[] fromDue = measured.stream().filter(s -> s.status == 200 && s.visible > 0)
                .mapToDouble(s -> (s.visible - s.due) / 1e6).sorted().toArray();
        double[] request = measured.stream().filter(s -> s.status == 200)
                .mapToDouble(s -> (s.answered - s.due) / 1e6).sorted().toArray();
        long failed = measured.stream().filter(s -> s.status != 200).count();
        long missing = measured.stream().filter(s -> s.status == 200 && s.visible == 0).count();
        Map<String, double[]> split = breakdown(startedAt, orgs);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "flow 1 propagation: honor conferred (import of one row via the gateway) -> welfare registry row");
        result.put("startedAt", startedAt.toString());
        result.put("rate", rate);
        result.put("seconds", seconds);
        result.put("warmupSeconds", warmup);
        result.put("measured", measured.size());
        result.put("failedRequests", failed);
        Map<String, Long> statuses = new java.util.TreeMap<>();
        measured.forEach(x -> statuses.merge(x.status == -1 ? "no answer in 30 s or connection error"
                : x.status == -3 ? "200 but not accepted" : String.valueOf(x.status), 1L, Long::sum));
        result.put("answers", statuses);
        result.put("neverVisible", missing);
        result.put("visibilityPolls", polls[0]);
        result.put("pollResolutionMs", polls[0] == 0 ? null : round(1e3 * (seconds + warmup + 1) / polls[0]));
        result.put("fromResponse", percentiles(fromResponse));
        result.put("fromRequestDue", percentiles(fromDue));
        result.put("requestLatency", percentiles(request));
        split.forEach((k, v) -> result.put(k, percentiles(v)));
        String json = toJson(result);
        System.out.println(json);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), json + "\n");
        }
    }

    /** Asks welfare's database every millisecond which pending names are there; stamps the first sighting. */
    private static void poll(Connection welfare, Map<String, Sample> pending, long[] polls) {
        try (PreparedStatement find = welfare.prepareStatement(
                "SELECT name FROM model_worker WHERE org_code = ? AND name = ANY (?)")) {
            while (!Thread.currentThread().isInterrupted()) {
                Map<String, List<String>> byOrg = new HashMap<>();
                for (Sample s : pending.values()) {
                    byOrg.computeIfAbsent(s.org, o -> new ArrayList<>()).add(s.name);
                }
                for (Map.Entry<String, List<String>> e : byOrg.entrySet()) {
                    find.setString(1, e.getKey());
                    Array names = welfare.createArrayOf("text", e.getValue().toArray());
                    find.setArray(2, names);
                    try (ResultSet rs = find.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            Sample s = pending.remove(rs.getString(1));
                            if (s != null) {
                                s.visible = now;
                            }
                        }
                    }
                }
                polls[0]++;
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("visibility poll failed", e);
        }
    }

    /**
     * The same events seen from the databases: honors' outbox row (created_at = the import transaction's start,
     * published_at = the relay's claim) and welfare's inbox row (received_at = the consumer transaction's start).
     */
    private Map<String, double[]> breakdown(Instant since, List<String> orgs) throws Exception {
        Map<String, double[]> split = new LinkedHashMap<>();
        Map<UUID, double[]> outbox = new HashMap<>();
        try (Connection honors = DriverManager.getConnection(args.get("honorsJdbc"), args.get("pgUser"), args.get("pgPassword"));
                PreparedStatement q = honors.prepareStatement("""
                        SELECT id, extract(epoch FROM created_at), extract(epoch FROM published_at) FROM outbox
                        WHERE created_at >= ? AND published_at IS NOT NULL AND payload LIKE ?""")) {
            q.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            q.setString(2, "%\"" + run + "-%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    outbox.put(rs.getObject(1, UUID.class), new double[] { rs.getDouble(2), rs.getDouble(3) });
                }
            }
        }
        List<Double> pickup = new ArrayList<>();
        List<Double> delivery = new ArrayList<>();
        try (Connection welfare = DriverManager.getConnection(args.get("welfareJdbc"), args.get("pgUser"), args.get("pgPassword"));
                PreparedStatement q = welfare.prepareStatement(
                        "SELECT event_id, extract(epoch FROM received_at) FROM inbox WHERE event_id = ANY (?)")) {
            q.setArray(1, welfare.createArrayOf("uuid", outbox.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double[] o = outbox.get(rs.getObject(1, UUID.class));
                    pickup.add((o[1] - o[0]) * 1e3);
                    delivery.add((rs.getDouble(2) - o[1]) * 1e3);
                }
            }
        }
        split.put("outboxCreatedToRelayClaim", pickup.stream().mapToDouble(Double::doubleValue).sorted().toArray());
        split.put("relayClaimToConsumerTransaction", delivery.stream().mapToDouble(Double::doubleValue).sorted().toArray());
        return split;
    }

    private String login() throws Exception {
        String body = "{\"username\":\"" + args.get("adminUser") + "\",\"password\":\"" + args.get("adminPassword") + "\"}";
        String answer = post("/auth/token", body, null, 200);
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no accessToken in " + answer);
        }
        return m.group(1);
    }

    private String post(String path, String body, String key, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private String idNumber(int i) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(i);
        String first17 = idPrefix + birth.toString().replace("-", "") + String.format("%03d", idSeq);
        return first17 + checkChar(first17);
    }

    // GB 11643 check character
    private static char checkChar(String first17) {
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static Map<String, Object> percentiles(double[] sorted) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", sorted.length);
        if (sorted.length > 0) {
            p.put("p50", round(at(sorted, 0.50)));
            p.put("p90", round(at(sorted, 0.90)));
            p.put("p99", round(at(sorted, 0.99)));
            p.put("max", round(sorted[sorted.length - 1]));
            p.put("min", round(sorted[0]));
        }
        return p;
    }

    /** Nearest-rank percentile. */
    private static double at(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add("\"" + k + "\": " + toJson(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.valueOf(value);
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }
}
