package org.gonghui.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-loop (constant arrival rate) HTTP GET load generator.
 *
 * <p>Request i is due at {@code start + i / rate}. It is sent at that time (or as soon as the sender can, if it fell
 * behind), and its latency is measured from the <em>intended</em> send time, so a stall of the server or of the
 * generator shows up in the percentiles instead of being hidden (no coordinated omission).
 *
 * <p>The sender thread only paces; every request is written and read by one Vert.x (Netty) event loop over at most
 * {@code MAX_IN_FLIGHT} kept-alive HTTP/1.1 connections, so the generator takes little of the CPU it shares with the
 * servers it measures.
 *
 * <p>Usage: {@code OpenLoop URL[,URL2...] TOKEN RATE DURATION_S [WARMUP_S]}; prints one JSON object per URL on
 * stdout. Several URLs (e.g. the same GET direct and through the gateway) are measured interleaved, in turns of
 * {@code loadgen.sliceS} seconds each, every one at RATE and for DURATION_S in all.
 */
public final class OpenLoop {

    /** Upper bound of concurrent requests (and so of connections), -Dloadgen.maxInFlight. */
    private static final int MAX_IN_FLIGHT = Integer.getInteger("loadgen.maxInFlight", 64);

    /** With several URLs: seconds of sending to one before the next, -Dloadgen.sliceS. */
    private static final double SLICE_S = Double.parseDouble(System.getProperty("loadgen.sliceS", "1"));

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: OpenLoop URL[,URL2...] TOKEN RATE DURATION_S [WARMUP_S]");
            System.exit(2);
        }
        List<URI> uris = Arrays.stream(args[0].split(",")).map(URI::create).toList();
        String token = args[1];
        double rate = Double.parseDouble(args[2]);
        double durationS = Double.parseDouble(args[3]);
        double warmupS = args.length > 4 ? Double.parseDouble(args[4]) : 0;

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        Context loop = vertx.getOrCreateContext();
        List<Target> targets = new ArrayList<>();
        for (URI uri : uris) {
            // a client (and so a set of kept-alive connections) per URL: one path's connections never serve the other
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_1_1)
                    .setKeepAlive(true)
                    .setConnectTimeout(5_000),
                    new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(uri.toString())
                    .putHeader("Authorization", "Bearer " + token)
                    .setIdleTimeout(10_000);
            targets.add(new Target(loop, client, request));
        }

        if (warmupS > 0) {
            run(targets, rate, warmupS);
        }
        List<Result> results = run(targets, rate, durationS);
        for (int t = 0; t < targets.size(); t++) {
            Result r = results.get(t);
            Histogram h = r.histogram;
            System.out.println(String.format(Locale.ROOT,
                    "{\"url\":\"%s\",\"rate\":%.1f,\"durationS\":%.1f,\"sliceS\":%s,\"sent\":%d,\"ok\":%d,"
                            + "\"errors\":%d,\"over1s\":%d,\"notSent\":%d,\"sendSpanRate\":%.1f,\"p50Ms\":%.3f,"
                            + "\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"meanMs\":%.3f}",
                    uris.get(t), rate, durationS, targets.size() > 1 ? String.valueOf(SLICE_S) : "null", r.sent, r.ok,
                    r.errors, r.slow, r.missed, (r.sent - r.missed) / r.elapsedS,
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0));
        }
        System.exit(0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Where requests go: the one event loop's context, its client and the request. */
    private record Target(Context loop, HttpClient client, RequestOptions request) {

        /** Sends one request on the event loop; {@code done} gets the status code, or -1 for a failure. */
        void send(java.util.function.IntConsumer done) {
            loop.runOnContext(v -> client.request(request)
                    .compose(r -> r.send())
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .onComplete(answer -> done.accept(answer.succeeded() ? answer.result() : -1)));
        }
    }

    private record Result(Histogram histogram, long sent, long ok, long errors, long slow, long missed, double elapsedS) {
    }

    /**
     * Sends {@code rate * durationS} requests to each target at {@code rate}. With several targets the time is cut
     * into slices of {@link #SLICE_S}, each slice sending to the next target in turn, so every target meets the
     * same background (other processes, collections, the service's own state) spread over the whole window,
     * instead of one block of time each.
     */
    private static List<Result> run(List<Target> targets, double rate, double durationS)
            throws InterruptedException {
        int n = targets.size();
        List<Tally> tallies = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            tallies.add(new Tally());
        }
        long intervalNs = (long) (1_000_000_000L / rate);
        long perSlice = Math.max(1, Math.round(rate * SLICE_S));
        long perTarget = (long) (rate * durationS);
        long total = perTarget * n;
        long start = System.nanoTime();
        long windowEnd = start + (long) (durationS * n * 1e9);
        for (long i = 0; i < total; i++) {
            final long intended = start + i * intervalNs;
            int target = n == 1 ? 0 : (int) ((i / perSlice) % n);
            Tally tally = tallies.get(target);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // at most MAX_IN_FLIGHT requests (connections) at once per target, like a fixed connection count in wrk2:
            // when all are busy the sender waits, but latency still counts from the intended time, so the wait is
            // not hidden
            long left = windowEnd - System.nanoTime();
            if (!tally.inFlight.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                tally.missed++; // the window is over and every connection is still busy: not sent at all
                continue;
            }
            tally.outstanding.incrementAndGet();
            targets.get(target).send(status -> tally.answered(status, intended));
        }
        double sendSpanS = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (tallies.stream().anyMatch(t -> t.outstanding.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Result> results = new ArrayList<>();
        for (Tally t : tallies) {
            t.errors.addAndGet(t.outstanding.get() + t.missed); // never answered, or never sent
            // each target sent during 1/n of the span
            results.add(new Result(t.recorder.getIntervalHistogram(), perTarget, t.ok.get(), t.errors.get(),
                    t.slow.get(), t.missed, sendSpanS / n));
        }
        return results;
    }

    /** What one target's requests came to. */
    private static final class Tally {
        final Recorder recorder = new Recorder(3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong outstanding = new AtomicLong();
        final AtomicLong slow = new AtomicLong();
        final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long missed; // only the sender thread counts these

        void answered(int status, long intended) {
            long latencyUs = (System.nanoTime() - intended) / 1000;
            if (status == 200) {
                // percentiles are over successful answers only; errors (e.g. 503 from an open circuit) are counted
                recorder.recordValue(Math.max(1, latencyUs));
                ok.incrementAndGet();
                if (latencyUs >= 1_000_000) {
                    slow.incrementAndGet();
                }
            } else {
                errors.incrementAndGet();
            }
            outstanding.decrementAndGet();
            inFlight.release();
        }
    }
}
