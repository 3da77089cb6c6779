package org.gonghui.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.HdrHistogram.Recorder;

/**
 * Closed-loop batch of distinct requests (POSTs with their own bodies, ids and Idempotency-Keys), for the write
 * scenarios where every request must differ: {@code CONCURRENCY} workers take the next line of {@code REQUESTS}
 * until none is left. Latency is per request (send to answer); throughput is requests over the wall time.
 *
 * <p>REQUESTS: one request per line, tab-separated {@code METHOD URL TOKEN IDEMPOTENCY_KEY BODY} ("-" for none;
 * a body is sent as application/json). With a third argument OUT, each answer is written as
 * {@code INDEX STATUS BODY} lines (for setup steps that need the ids the server assigned).
 * Prints one JSON object on stdout.
 */
public final class Batch {

    private record Line(int index, String method, URI uri, String token, String key, String body) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Batch REQUESTS_FILE CONCURRENCY [OUT_FILE]");
            System.exit(2);
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (String raw : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (raw.isBlank()) {
                continue;
            }
            String[] f = raw.split("\t", 5);
            if (f.length < 5) {
                throw new IllegalArgumentException("line " + (i + 1) + ": needs 5 tab-separated fields");
            }
            lines.add(new Line(i++, f[0], URI.create(f[1]), f[2], f[3], f[4]));
        }
        int concurrency = Integer.parseInt(args[1]);
        String[] answers = args.length > 2 ? new String[lines.size()] : null;

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Recorder recorder = new Recorder(3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        LongAdder failures = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < lines.size()) {
                    Line l = lines.get(n);
                    HttpRequest.Builder b = HttpRequest.newBuilder(l.uri()).timeout(Duration.ofSeconds(60));
                    if (!"-".equals(l.token())) {
                        b.header("Authorization", "Bearer " + l.token());
                    }
                    if (!"-".equals(l.key())) {
                        b.header("Idempotency-Key", l.key());
                    }
                    if ("-".equals(l.body())) {
                        b.method(l.method(), HttpRequest.BodyPublishers.noBody());
                    } else {
                        b.header("Content-Type", "application/json")
                                .method(l.method(), HttpRequest.BodyPublishers.ofString(l.body()));
                    }
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        recorder.recordValue(Math.max(1, (System.nanoTime() - s) / 1000));
                        statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                        if (answers != null) {
                            answers[l.index()] = l.index() + "\t" + r.statusCode() + "\t"
                                    + r.body().replace('\n', ' ').replace('\t', ' ');
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.increment();
                        if (answers != null) {
                            answers[l.index()] = l.index() + "\t0\t" + e;
                        }
                    }
                }
            }, "batch-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsedS = (System.nanoTime() - start) / 1e9;
        if (answers != null) {
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
                for (String a : answers) {
                    out.write(a);
                    out.newLine();
                }
            }
        }
        var h = recorder.getIntervalHistogram();
        String status = new TreeMap<>(statuses).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue().sum()).collect(Collectors.joining(","));
        System.out.println(String.format(Locale.ROOT,
                "{\"requests\":%d,\"concurrency\":%d,\"elapsedS\":%.3f,\"perSecond\":%.1f,\"status\":{%s},"
                        + "\"ioFailures\":%d,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}",
                lines.size(), concurrency, elapsedS, lines.size() / elapsedS, status, failures.sum(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
    }
}
