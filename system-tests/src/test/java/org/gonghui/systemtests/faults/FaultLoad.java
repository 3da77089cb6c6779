package org.gonghui.systemtests.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;
import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.systemtests.RunningSuite;

/**
 * The business load of the fault tests, through the gateway only: honors imported in batches (nine model-worker
 * titles in ten, so the registry must filter) and welfare payouts linked to one volunteer visit (submit, approve,
 * pay). Each test gets its own county org, so the counts of this load can be read exactly through the API even
 * though the suite keeps the records of earlier runs.
 *
 * <p>A request that meets a fault (503 from the gateway, a connection reset) is retried with the same
 * Idempotency-Key, as a client should; every other answer must be the expected one. The load records anomalies that
 * a fault must never cause: a 500, a request left without answer for 40 s (the gateway answers a silent service
 * with 503 after 30 s), an error that is not problem+json.
 */
final class FaultLoad {

    static final String MODEL_WORKER_AWARD = "model-worker-municipal";
    static final String OTHER_AWARD = "loudi-craftsman";
    static final long AMOUNT_FEN = 1_000; // 10 yuan: 1,000 payouts stay under community-aid's yearly cap per case
    static final int CASES = 4;
    private static final int IMPORT_BATCH = 20;
    private static final int PAYOUT_CLIENTS = 4;
    private static final Duration RETRY_DEADLINE = Duration.ofMinutes(3);

    final String org;
    final int conferrals;
    final int payouts;
    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    final String admin = RunningSuite.adminToken();
    final String staff;
    final String reviewer;
    final String finance;
    final String coordinator;
    String fundId;
    String activityId;
    private final List<String> caseIds = new ArrayList<>();
    private final String idPrefix;
    private final int idSeq;

    final AtomicInteger importsDone = new AtomicInteger();
    final AtomicInteger conferralsAccepted = new AtomicInteger();
    final AtomicInteger payoutsDone = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicLong slowestMs = new java.util.concurrent.atomic.AtomicLong();
    final ConcurrentLinkedQueue<String> slowAnswers = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> faultAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger nextPayout = new AtomicInteger();
    private ExecutorService clients;
    private volatile boolean paced;

    private FaultLoad(String label, int conferrals, int payouts) {
        String run = label + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        this.org = "ld." + run;
        this.conferrals = conferrals;
        this.payouts = payouts;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.idPrefix = "43" + String.format("%04d", random.nextInt(10_000));
        this.idSeq = random.nextInt(1_000);
        call("create org " + org, () -> Api.call("POST", RunningSuite.GATEWAY + "/api/v1/orgs", admin,
                Map.of("code", org, "name", "故障测试 " + run, "parentCode", "ld"), Map.of()), r -> r.status() == 201);
        staff = RunningSuite.tokenFor(run + "-staff", org, "staff");
        reviewer = RunningSuite.tokenFor(run + "-reviewer", org, "reviewer");
        finance = RunningSuite.tokenFor(run + "-finance", org, "finance");
        coordinator = RunningSuite.tokenFor(run + "-coordinator", org, "coordinator");
    }

    /** A county org of its own with accounts; with payouts, also a fund, verified cases and a completed visit. */
    static FaultLoad prepare(String label, int conferrals, int payouts) {
        FaultLoad load = new FaultLoad(label, conferrals, payouts);
        if (payouts > 0) {
            load.prepareWelfare();
        }
        return load;
    }

    private void prepareWelfare() {
        fundId = ok("fund", "POST", "/api/v1/welfare/funds", admin, Map.of("code", "ft-" + UUID.randomUUID().toString()
                .substring(0, 8), "name", "故障测试帮扶 " + org, "year", year,
                "budgetFen", payouts * AMOUNT_FEN + 100_000, "orgCode", org), 201).body().path("id").asText();
        for (int i = 0; i < CASES; i++) {
            String caseId = ok("case", "POST", "/api/v1/welfare/cases", staff, Map.of("kind", "HOUSEHOLD",
                    "name", "困难户" + i, "idNumber", idNumber(10_000 + i), "orgCode", org,
                    "hardships", List.of("LOW_INCOME"), "householdSize", 3, "monthlyIncomeFen", 150_000L), 201)
                    .body().path("id").asText();
            ok("verify case", "POST", "/api/v1/welfare/cases/" + caseId + "/verify", staff, Map.of("note", "入户核实"), 200);
            caseIds.add(caseId);
        }
        String communityId = ok("community", "POST", "/api/v1/volunteer/communities", coordinator,
                Map.of("name", "社区 " + org, "orgCode", org, "address", "娄底市"), 201).body().path("id").asText();
        String volunteerId = ok("volunteer", "POST", "/api/v1/volunteer/volunteers", coordinator, Map.of("name", "探访员",
                "phone", "13900139000", "orgCode", org, "skills", List.of("visiting")), 201).body().path("id").asText();
        // a visit that ended an hour ago (hours only for shifts that happened), attendance entered afterwards
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime endsAt = startsAt.plusHours(2);
        activityId = ok("activity", "POST", "/api/v1/volunteer/activities", coordinator, Map.of("title", "困难职工慰问",
                "kind", "CONDOLENCE_VISIT", "communityId", communityId, "startsAt", startsAt.toString(),
                "endsAt", endsAt.toString(), "capacity", 3, "orgCode", org), 201).body().path("id").asText();
        String activity = "/api/v1/volunteer/activities/" + activityId;
        ok("attendance", "POST", activity + "/attendance", coordinator, Map.of("volunteerId", volunteerId,
                "checkedInAt", startsAt.toString(), "checkedOutAt", endsAt.toString(), "reason", "sign-in sheet"), 200);
        ok("complete", "POST", activity + "/complete", coordinator, Map.of(), 200);
        // welfare accepts the activityId once activity-completed has arrived: until then 422 unknown-activity
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Reply r = Api.call("GET", RunningSuite.GATEWAY + "/api/v1/volunteer/activities/" + activityId,
                    coordinator, null, Map.of());
            return r.status() == 200 && submit(0).status() == 201;
        });
    }

    /** Starts the load on a few client threads: one imports honors, four run payouts. */
    void start() {
        paced = true;
        clients = Executors.newFixedThreadPool(1 + PAYOUT_CLIENTS);
        clients.submit(() -> guarded(this::importAll));
        for (int i = 0; i < PAYOUT_CLIENTS; i++) {
            clients.submit(() -> guarded(() -> {
                for (int n = nextPayout.getAndIncrement(); n < payouts && failure.get() == null; n = nextPayout.getAndIncrement()) {
                    payout(n);
                    payoutsDone.incrementAndGet();
                }
            }));
        }
        clients.shutdown();
    }

    /** Runs the whole load on the calling thread (small loads around a fault injected before or after). */
    void runInline() {
        importAll();
        for (int n = nextPayout.getAndIncrement(); n < payouts; n = nextPayout.getAndIncrement()) {
            payout(n);
            payoutsDone.incrementAndGet();
        }
        assertEquals(List.of(), List.copyOf(anomalies), "answers a fault must never cause (500, no answer, not problem+json)");
    }

    /** Waits until the given share of both halves of the load is done (the moment to inject the fault). */
    void awaitProgress(double share) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            rethrow();
            return importsDone.get() * IMPORT_BATCH >= share * conferrals && payoutsDone.get() >= share * payouts;
        });
    }

    void awaitFinished() {
        try {
            assertTrue(clients.awaitTermination(6, TimeUnit.MINUTES), "the load did not finish in 6 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        rethrow();
        System.out.printf("load %s: %d conferrals accepted, %d payouts, %d retried calls; fault answers: %s; "
                + "slowest answer %d ms; answers slower than 5 s: %s%n", org, conferralsAccepted.get(),
                payoutsDone.get(), retries.get(), summary(faultAnswers), slowestMs.get(), List.copyOf(slowAnswers));
        assertEquals(List.of(), List.copyOf(anomalies), "answers a fault must never cause (500, no answer, not problem+json)");
        assertEquals(payouts, payoutsDone.get());
    }

    private void importAll() {
        int batches = (conferrals + IMPORT_BATCH - 1) / IMPORT_BATCH;
        for (int b = 0; b < batches && failure.get() == null; b++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = b * IMPORT_BATCH; i < Math.min(conferrals, (b + 1) * IMPORT_BATCH); i++) {
                rows.add(Map.of("awardCode", i % 10 == 9 ? OTHER_AWARD : MODEL_WORKER_AWARD, "year", year,
                        "name", "劳模" + i, "idNumber", idNumber(i), "unitName", "涟钢 " + org, "orgCode", org));
            }
            String key = UUID.randomUUID().toString();
            Api.Reply reply = call("import batch " + b, () -> Api.call("POST", RunningSuite.GATEWAY
                    + "/api/v1/honors/honors/import", admin, rows, Map.of("Idempotency-Key", key)), r -> r.status() == 200);
            conferralsAccepted.addAndGet(reply.body().path("accepted").asInt());
            importsDone.incrementAndGet();
            // keep pace with the payouts, so that a fault meets both halves of the load
            while (paced && (long) payoutsDone.get() * batches < (long) (b + 1) * payouts && failure.get() == null
                    && payoutsDone.get() < payouts) {
                SuiteControl.sleep(Duration.ofMillis(20));
            }
        }
    }

    private void payout(int n) {
        String applicationId = submit(n).body().path("id").asText();
        String path = "/api/v1/welfare/applications/" + applicationId;
        call("approve " + n, () -> Api.call("POST", RunningSuite.GATEWAY + path + "/approve", reviewer, Map.of(), Map.of()),
                // a repeat of an approval that committed before the fault finds it approved
                r -> r.status() == 200 || r.status() == 409 && "APPROVED".equals(r.body().path("currentState").asText()));
        String key = "ft-pay-" + applicationId;
        Api.Reply paid = call("pay " + n, () -> Api.call("POST", RunningSuite.GATEWAY + path + "/pay", finance, Map.of(),
                Map.of("Idempotency-Key", key)), r -> r.status() == 200);
        assertEquals("PAID", paid.body().path("status").asText(), paid::toString);
    }

    private Api.Reply submit(int n) {
        String key = "ft-" + org + "-" + n;
        Map<String, Object> application = Map.of("programCode", "community-aid", "fundId", fundId,
                "caseId", caseIds.get(n % CASES), "amountFen", AMOUNT_FEN, "activityId", activityId);
        return call("submit " + n, () -> Api.call("POST", RunningSuite.GATEWAY + "/api/v1/welfare/applications", staff,
                application, Map.of("Idempotency-Key", key)),
                r -> r.status() == 201 || n == 0 && "/problems/unknown-activity".equals(r.problemType()));
    }

    /**
     * Calls until {@code done}; fault answers (503/502/504, connection refused or reset) are retried with the same
     * request, anything else fails the load. Anomalies are recorded whatever happens next.
     */
    Api.Reply call(String what, Supplier<Api.Reply> attempt, Predicate<Api.Reply> done) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        long backoff = 100;
        while (true) {
            long sent = System.nanoTime();
            Api.Reply reply = attempt.get();
            long ms = (System.nanoTime() - sent) / 1_000_000;
            slowestMs.accumulateAndGet(ms, Math::max);
            if (ms > 5_000) {
                slowAnswers.add(what + " " + ms + " ms: " + reply.status() + " " + reply.problemType());
            }
            if (reply.status() == -2 || reply.status() == 500
                    || reply.status() >= 400 && !reply.isProblem() && !done.test(reply)) {
                anomalies.add(what + ": " + reply);
            }
            if (done.test(reply)) {
                return reply;
            }
            boolean fault = reply.status() == -1 || reply.status() == 502 || reply.status() == 503 || reply.status() == 504;
            if (!fault) {
                throw new AssertionError(what + ": unexpected answer " + reply);
            }
            faultAnswers.add(reply.status() + " " + reply.problemType());
            retries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still failing after " + RETRY_DEADLINE + ": " + reply);
            }
            SuiteControl.sleep(Duration.ofMillis(backoff));
            backoff = Math.min(backoff * 2, 1_000);
        }
    }

    private Api.Reply ok(String what, String method, String path, String token, Object body, int status) {
        return call(what, () -> Api.call(method, RunningSuite.GATEWAY + path, token, body, Map.of()),
                r -> r.status() == status);
    }

    // ---------------------------------------------------------------- the effects, counted through the API

    /** Honors of this org with a model-worker title (what welfare's registry must hold, exactly). */
    long modelWorkerConferrals() {
        return total(admin, "/api/v1/honors/honors?award=" + MODEL_WORKER_AWARD + "&orgCode=" + org + "&size=1");
    }

    long allConferrals() {
        return total(admin, "/api/v1/honors/honors?orgCode=" + org + "&size=1");
    }

    long registryEntries() {
        return total(staff, "/api/v1/welfare/model-workers?size=1");
    }

    long applications() {
        return total(staff, "/api/v1/welfare/applications?size=1");
    }

    long aidOnActivity() {
        return get(coordinator, "/api/v1/volunteer/activities/" + activityId).path("aidDeliveredFen").asLong();
    }

    com.fasterxml.jackson.databind.JsonNode fund() {
        return get(finance, "/api/v1/welfare/funds/" + fundId);
    }

    private long total(String token, String path) {
        return get(token, path).path("total").asLong(-1);
    }

    private com.fasterxml.jackson.databind.JsonNode get(String token, String path) {
        // retried like the load's calls: after a fault a read can still meet it (e.g. a pooled database connection
        // the fault cut and no request has used since: the one that takes it gets the clean 503 under test)
        return call("read " + path, () -> Api.call("GET", RunningSuite.GATEWAY + path, token, null, Map.of()),
                r -> r.status() == 200).body();
    }

    /**
     * Every effect exactly once, within a deadline: welfare's registry holds one entry per model-worker conferral,
     * the visit shows every payout once, the fund paid each once, no outbox backlog is left; then the same figures
     * again (nothing arrives twice later).
     */
    void assertExactlyOnce(Duration deadline) {
        long expectedConferrals = conferralsAccepted.get();
        assertEquals(expectedConferrals, allConferrals(), "honors accepted by the imports = honors of the org");
        long modelWorkers = modelWorkerConferrals();
        assertTrue(modelWorkers > 0 || conferrals == 0);
        long started = System.nanoTime();
        try {
            await().atMost(deadline).pollInterval(Duration.ofMillis(250)).until(() -> registryEntries() == modelWorkers
                    && (payouts == 0 || aidOnActivity() == payouts * AMOUNT_FEN)
                    && SuiteControl.outboxBacklog("honors-service") == 0 && SuiteControl.outboxBacklog("welfare-service") == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("effects of %s after %s: registry %d of %d model-worker honors, "
                    + "aid on the visit %d of %d fen, outbox backlog honors %d, welfare %d", org, deadline,
                    registryEntries(), modelWorkers, payouts == 0 ? 0 : aidOnActivity(), payouts * AMOUNT_FEN,
                    SuiteControl.outboxBacklog("honors-service"), SuiteControl.outboxBacklog("welfare-service")), e);
        }
        System.out.printf("load %s: all effects visible %d ms after the load ended%n", org,
                (System.nanoTime() - started) / 1_000_000);
        SuiteControl.sleep(Duration.ofSeconds(2));
        assertEquals(modelWorkers, registryEntries(), "welfare registry entries = model-worker conferrals");
        if (payouts > 0) {
            assertEquals(payouts * AMOUNT_FEN, aidOnActivity(), "aid on the visit = payouts with its activityId");
            assertEquals(payouts, applications(), "one application per payout, none half-written or doubled");
            var fund = fund();
            assertEquals(payouts * AMOUNT_FEN, fund.path("paidFen").asLong(), fund::toString);
            assertEquals(0L, fund.path("committedFen").asLong(), fund::toString);
        }
    }

    private String idNumber(int i) {
        // distinct within a run (birth day), and a per-run region and sequence against earlier runs
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(i);
        String first17 = idPrefix + birth.toString().replace("-", "") + String.format("%03d", idSeq);
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void rethrow() {
        Throwable e = failure.get();
        if (e instanceof AssertionError a) {
            throw a;
        }
        if (e != null) {
            throw new AssertionError("load failed", e);
        }
    }

    private static String summary(ConcurrentLinkedQueue<String> answers) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        answers.forEach(a -> counts.merge(a, 1L, Long::sum));
        return counts.toString();
    }
}
