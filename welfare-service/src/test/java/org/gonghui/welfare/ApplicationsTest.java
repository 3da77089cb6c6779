package org.gonghui.welfare;

import static org.gonghui.welfare.Fixtures.ADMIN;
import static org.gonghui.welfare.Fixtures.CLERK_AND_REVIEWER;
import static org.gonghui.welfare.Fixtures.FINANCE;
import static org.gonghui.welfare.Fixtures.REVIEWER;
import static org.gonghui.welfare.Fixtures.REVIEWER_B;
import static org.gonghui.welfare.Fixtures.STAFF;
import static org.gonghui.welfare.Fixtures.STAFF_XH;
import static org.gonghui.welfare.Fixtures.as;
import static org.gonghui.welfare.Fixtures.fundField;
import static org.gonghui.welfare.Fixtures.submit;
import static org.gonghui.welfare.Fixtures.verifiedCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.platform.testing.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ApplicationsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    @Test
    void twoHundredParallelApprovalsNeverOverspendTheFund() throws Exception {
        String fund = Fixtures.createFund("ld.lsj", 2030, 10_000_000L); // 100,000 yuan
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<String>> setup = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                setup.add(() -> submit(STAFF, "community-aid", fund, verifiedCase("HOUSEHOLD", "ld.lsj"), 100_000L));
            }
            List<String> applications = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(setup)) {
                applications.add(f.get());
            }
            pool.shutdown();

            ExecutorService racers = Executors.newFixedThreadPool(200);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> results = new ArrayList<>();
            for (String id : applications) {
                results.add(racers.submit(() -> {
                    start.await();
                    return as(REVIEWER).post("/api/v1/welfare/applications/" + id + "/approve");
                }));
            }
            start.countDown();
            int approved = 0;
            int refused = 0;
            for (Future<Response> f : results) {
                Response r = f.get();
                if (r.statusCode() == 200) {
                    approved++;
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("/problems/insufficient-funds", r.jsonPath().getString("type"));
                    refused++;
                }
            }
            racers.shutdown();
            assertEquals(100, approved);
            assertEquals(100, refused);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, fundField(fund, "availableFen"));
        assertEquals(10_000_000L, fundField(fund, "committedFen"));
        assertLedgerMatchesFund(UUID.fromString(fund));
        long approvedRows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM application WHERE fund_id = ?1 AND status = 'APPROVED'")
                .setParameter(1, UUID.fromString(fund)).getSingleResult()).longValue());
        assertEquals(100, approvedRows);
        as(FINANCE).get("/api/v1/welfare/funds/" + fund + "/ledger?size=200").then().statusCode(200)
                .body("total", equalTo(101)).body("items.findAll { it.kind == 'COMMIT' }", hasSize(100));
    }

    @Test
    void parallelSubmissionsKeepTheYearlyCapAndOneKeyMakesOneApplication() throws Exception {
        String fund = Fixtures.createFund("ld.lsj", 2030, 10_000_000L);
        // train tickets: at most twice a year per beneficiary; 20 submissions at once, exactly 2 get through
        String traveller = verifiedCase("WORKER", "ld.lsj");
        List<Response> tickets = race(20, () -> as(STAFF).body(Map.of("programCode", "train-ticket", "fundId", fund,
                "caseId", traveller, "amountFen", 30_000)).post("/api/v1/welfare/applications"));
        assertEquals(2, tickets.stream().filter(r -> r.statusCode() == 201).count());
        for (Response r : tickets) {
            if (r.statusCode() != 201) {
                assertEquals(422, r.statusCode(), r.asString());
                assertEquals("/problems/yearly-cap-exceeded", r.jsonPath().getString("type"));
            }
        }
        // one Idempotency-Key sent 20 times at once: one application, the same answer to all
        String caseId = verifiedCase("HOUSEHOLD", "ld.lsj");
        String key = Fixtures.key();
        List<Response> repeats = race(20, () -> as(STAFF).header("Idempotency-Key", key).body(Map.of("programCode",
                "community-aid", "fundId", fund, "caseId", caseId, "amountFen", 12_300))
                .post("/api/v1/welfare/applications"));
        Set<String> bodies = new HashSet<>();
        for (Response r : repeats) {
            assertEquals(201, r.statusCode(), r.asString());
            bodies.add(r.asString());
        }
        assertEquals(1, bodies.size(), "all 20 responses are identical");
        assertEquals(19, repeats.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count());
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM application WHERE case_id = ?1").setParameter(1, UUID.fromString(caseId))
                .getSingleResult()).longValue());
        assertEquals(1, rows);
    }

    /** Runs {@code n} copies of a request at once (released together) and returns their answers. */
    private static List<Response> race(int n, Callable<Response> request) throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(racers.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void fiftyParallelPaysWithOneKeyPayOnceAndAnswerAlike() throws Exception {
        String fund = Fixtures.createFund("ld.lsj", 2030, 1_000_000L);
        String caseId = verifiedCase("WORKER", "ld.lsj");
        String app = submit(STAFF, "condolence-visit", fund, caseId, 80_000L);
        as(REVIEWER).post("/api/v1/welfare/applications/" + app + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        as(FINANCE).post("/api/v1/welfare/applications/" + app + "/pay").then().statusCode(400)
                .body("type", equalTo("/problems/idempotency-key-required"));
        as(STAFF).header("Idempotency-Key", "k").post("/api/v1/welfare/applications/" + app + "/pay").then()
                .statusCode(403);

        String key = Fixtures.key();
        ExecutorService racers = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(racers.submit(() -> {
                start.await();
                return as(FINANCE).header("Idempotency-Key", key).post("/api/v1/welfare/applications/" + app + "/pay");
            }));
        }
        start.countDown();
        Set<String> bodies = new HashSet<>();
        int replays = 0;
        for (Future<Response> f : results) {
            Response r = f.get();
            assertEquals(200, r.statusCode(), r.asString());
            bodies.add(r.asString());
            if ("true".equals(r.header("Idempotent-Replayed"))) {
                replays++;
            }
        }
        racers.shutdown();
        assertEquals(1, bodies.size(), "all 50 responses are identical");
        assertEquals(49, replays);
        JsonNode paid = new ObjectMapper().readTree(bodies.iterator().next());
        assertEquals("PAID", paid.get("status").asText());

        long payouts = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM ledger_entry WHERE application_id = ?1 AND kind = 'PAYOUT'")
                .setParameter(1, UUID.fromString(app)).getSingleResult()).longValue());
        assertEquals(1, payouts);
        assertEquals(80_000L, fundField(fund, "paidFen"));
        assertEquals(0L, fundField(fund, "committedFen"));
        assertLedgerMatchesFund(UUID.fromString(fund));

        // another key for a paid application: 409, and still one payout
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + app + "/pay")
                .then().statusCode(409).body("type", equalTo("/problems/already-paid"));
        assertEquals(80_000L, fundField(fund, "paidFen"));

        // exactly one aid-paid event, schema-valid, with CloudEvents headers
        ConsumerRecord<String, String> event = TestEvents.awaitRecord(Topics.WELFARE, r -> app.equals(r.key()),
                DEADLINE);
        TestEvents.assertMatchesSchema(EventType.AID_PAID, event.value());
        assertEquals(EventType.AID_PAID.type(), TestEvents.header(event, CloudEventHeaders.TYPE));
        JsonNode data = new ObjectMapper().readTree(event.value());
        assertEquals(80_000L, data.get("amountFen").asLong());
        assertEquals("condolence-visit", data.get("programCode").asText());
        assertEquals(64, data.get("personRef").asText().length());
        assertEquals(1, TestEvents.readAll(Topics.WELFARE, r -> app.equals(r.key()), Duration.ofSeconds(2)).size());
    }

    @Test
    void theCreatorCannotApproveAndLargeGrantsNeedTwoDifferentReviewers() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 5_000_000L);
        String own = submit(CLERK_AND_REVIEWER, "condolence-visit", fund, verifiedCase("WORKER", "ld.lsj"), 50_000L);
        as(CLERK_AND_REVIEWER).post("/api/v1/welfare/applications/" + own + "/approve").then().statusCode(409)
                .body("type", equalTo("/problems/four-eyes"));
        as(STAFF).post("/api/v1/welfare/applications/" + own + "/approve").then().statusCode(403);

        // condolence-visit needs two approvals above 5,000 yuan
        String big = submit(STAFF, "condolence-visit", fund, verifiedCase("HOUSEHOLD", "ld.lsj"), 600_000L);
        as(REVIEWER).post("/api/v1/welfare/applications/" + big + "/approve").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("approvalsRequired", equalTo(2))
                .body("approvals", hasSize(1));
        assertEquals(0L, fundField(fund, "committedFen"), "nothing is committed before the second approval");
        as(REVIEWER).post("/api/v1/welfare/applications/" + big + "/approve").then().statusCode(409)
                .body("type", equalTo("/problems/four-eyes"));
        as(REVIEWER_B).post("/api/v1/welfare/applications/" + big + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvals.reviewer", equalTo(List.of("reviewer-a", "reviewer-b")));
        assertEquals(600_000L, fundField(fund, "committedFen"));
        as(REVIEWER_B).post("/api/v1/welfare/applications/" + big + "/approve").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition"));

        // cancelling an approved application releases its commitment
        as(STAFF).body(Map.of("reason", "family moved away")).post("/api/v1/welfare/applications/" + big + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(0L, fundField(fund, "committedFen"));
        assertEquals(5_000_000L, fundField(fund, "availableFen"));
        assertLedgerMatchesFund(UUID.fromString(fund));
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + big + "/pay")
                .then().statusCode(409).body("type", equalTo("/problems/illegal-transition"));
    }

    @Test
    void yearlyCapsPerBeneficiaryAndRecheckAtApproval() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 5_000_000L);
        String household = verifiedCase("HOUSEHOLD", "ld.lsj");
        String child = Fixtures.idNumber();
        String first = as(STAFF).body(Map.of("programCode", "student-aid", "fundId", fund, "caseId", household,
                "amountFen", 200_000, "details", Map.of("childIdNumber", child, "school", "Loudi No.1 Middle School")))
                .post("/api/v1/welfare/applications").then().statusCode(201)
                .body("details.childIdNumberMasked", equalTo(child.substring(0, 4) + "**********" + child.substring(14)))
                .body("details.childIdNumber", equalTo(null)).extract().path("id");
        // once per child per year
        as(STAFF).body(Map.of("programCode", "student-aid", "fundId", fund, "caseId", household, "amountFen", 100_000,
                "details", Map.of("childIdNumber", child))).post("/api/v1/welfare/applications").then()
                .statusCode(422).body("type", equalTo("/problems/yearly-cap-exceeded"));
        // a sibling is a different beneficiary
        as(STAFF).body(Map.of("programCode", "student-aid", "fundId", fund, "caseId", household, "amountFen", 100_000,
                "details", Map.of("childIdNumber", Fixtures.idNumber()))).post("/api/v1/welfare/applications").then()
                .statusCode(201);
        // amount cap: condolence visits at most 10,000 yuan a year per beneficiary
        String worker = verifiedCase("WORKER", "ld.lsj");
        submit(STAFF, "condolence-visit", fund, worker, 400_000L);
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", fund, "caseId", worker, "amountFen", 700_000))
                .post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/yearly-cap-exceeded")).body("usedFen", equalTo(400_000));
        // a rejected application frees the cap
        as(REVIEWER).body(Map.of("reason", "duplicate paperwork")).post("/api/v1/welfare/applications/" + first + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        String again = as(STAFF).body(Map.of("programCode", "student-aid", "fundId", fund, "caseId", household,
                "amountFen", 200_000, "details", Map.of("childIdNumber", child))).post("/api/v1/welfare/applications")
                .then().statusCode(201).extract().path("id");

        // eligibility is checked again at approval: the file was closed meanwhile
        as(REVIEWER).body(Map.of("reason", "out of hardship")).post("/api/v1/welfare/cases/" + household + "/close")
                .then().statusCode(200);
        as(REVIEWER).post("/api/v1/welfare/applications/" + again + "/approve").then().statusCode(422)
                .body("type", equalTo("/problems/case-closed"));
        // an unverified file can apply but not be approved
        String unverified = Fixtures.createCase(STAFF, "WORKER", "ld.lsj");
        String pending = submit(STAFF, "train-ticket", fund, unverified, 30_000L);
        as(REVIEWER).post("/api/v1/welfare/applications/" + pending + "/approve").then().statusCode(422)
                .body("type", equalTo("/problems/case-not-verified"));
        // an enterprise gets no train ticket
        as(STAFF).body(Map.of("programCode", "train-ticket", "fundId", fund, "caseId", verifiedCase("ENTERPRISE", "ld.lsj"),
                "amountFen", 30_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/ineligible"));
        // enrolment programs are not applied for
        as(STAFF).body(Map.of("programCode", "job-training", "fundId", fund, "caseId", worker, "amountFen", 1))
                .post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/not-a-grant-program"));
    }

    /** #19.9: details follow the program's schema; ID-number-shaped values never come back unmasked. */
    @Test
    void detailsFollowTheProgramsSchemaAndIdNumbersAreMasked() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 5_000_000L);
        String household = verifiedCase("HOUSEHOLD", "ld.lsj");
        as(STAFF).body(Map.of("programCode", "train-ticket", "fundId", fund, "caseId", household, "amountFen", 36_000,
                "quantity", 2, "details", Map.of("route", "广州南—娄底南", "bankCard", "6222020200112233445")))
                .post("/api/v1/welfare/applications").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("details.bankCard"));
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", fund, "caseId", household,
                "amountFen", 10_000, "details", Map.of("occasion", "x".repeat(101))))
                .post("/api/v1/welfare/applications").then().statusCode(400)
                .body("errors[0].field", equalTo("details.occasion"));
        String mother = Fixtures.idNumber();
        String child = Fixtures.idNumber();
        String id = as(STAFF).body(Map.of("programCode", "student-aid", "fundId", fund, "caseId", household,
                "amountFen", 200_000, "details", Map.of("childIdNumber", child, "childName", "王小明",
                        "school", "娄底一中", "grade", "高二", "note", "母亲身份证 " + mother)))
                .post("/api/v1/welfare/applications").then().statusCode(201)
                .body("details.childIdNumberMasked", equalTo(child.substring(0, 4) + "**********" + child.substring(14)))
                .body("details.note", equalTo("母亲身份证 " + mother.substring(0, 4) + "**********" + mother.substring(14)))
                .extract().path("id");
        String shown = as(REVIEWER).get("/api/v1/welfare/applications/" + id).then().statusCode(200).extract().asString();
        assertTrue(!shown.contains(mother) && !shown.contains(child), shown);
        long rawCopies = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM application WHERE details LIKE ?1 OR details LIKE ?2")
                .setParameter(1, "%" + mother + "%").setParameter(2, "%" + child + "%").getSingleResult()).longValue());
        assertEquals(0, rawCopies, "no raw ID number is stored");
    }

    /** #29.20: a rejection needs a reason that says something; it is stored and shown. */
    @Test
    void rejectingNeedsAReasonWhichIsStoredAndShown() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 1_000_000L);
        String app = submit(STAFF, "community-aid", fund, verifiedCase("WORKER", "ld.lsj"), 10_000L);
        String url = "/api/v1/welfare/applications/" + app + "/reject";
        as(REVIEWER).post(url).then().statusCode(400).contentType("application/problem+json");
        as(REVIEWER).body(Map.of()).post(url).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        for (String placeholder : List.of("", "   ", "-", " — ", "...")) {
            as(REVIEWER).body(Map.of("reason", placeholder)).post(url).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                    .body("errors[0].field", equalTo("reason"));
        }
        as(STAFF).get("/api/v1/welfare/applications/" + app).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as(REVIEWER).body(Map.of("reason", "家庭月收入超过困难标准")).post(url).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("reason", equalTo("家庭月收入超过困难标准"));
        as(STAFF).get("/api/v1/welfare/applications/" + app).then().statusCode(200)
                .body("reason", equalTo("家庭月收入超过困难标准")).body("rejectedBy", equalTo("reviewer-a"));
    }

    /** #29.14: closing a case blocks its approved, unpaid grants and gives their commitment back. */
    @Test
    void closingACaseBlocksItsApprovedGrantsAndReleasesTheirCommitment() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 5_000_000L);
        String caseId = verifiedCase("HOUSEHOLD", "ld.lsj");
        String other = verifiedCase("HOUSEHOLD", "ld.lsj");
        String paid = submit(STAFF, "community-aid", fund, caseId, 100_000L);
        String approved = submit(STAFF, "community-aid", fund, caseId, 200_000L);
        String pending = submit(STAFF, "community-aid", fund, caseId, 300_000L);
        String otherApproved = submit(STAFF, "community-aid", fund, other, 400_000L);
        for (String id : List.of(paid, approved, otherApproved)) {
            as(REVIEWER).post("/api/v1/welfare/applications/" + id + "/approve").then().statusCode(200);
        }
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + paid + "/pay")
                .then().statusCode(200);
        assertEquals(600_000L, fundField(fund, "committedFen"));

        as(REVIEWER).body(Map.of("reason", "found a job")).post("/api/v1/welfare/cases/" + caseId + "/close").then()
                .statusCode(200);
        as(STAFF).get("/api/v1/welfare/applications/" + approved).then().statusCode(200)
                .body("status", equalTo("BLOCKED")).body("reason", equalTo("hardship case closed: found a job"));
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + approved + "/pay")
                .then().statusCode(409).body("type", equalTo("/problems/illegal-transition"));
        as(STAFF).get("/api/v1/welfare/applications/" + paid).then().body("status", equalTo("PAID"));
        as(REVIEWER).post("/api/v1/welfare/applications/" + pending + "/approve").then().statusCode(422)
                .body("type", equalTo("/problems/case-closed"));
        // only the other household's approval is still committed; the paid grant stays paid
        assertEquals(400_000L, fundField(fund, "committedFen"));
        assertEquals(100_000L, fundField(fund, "paidFen"));
        assertEquals(5_000_000L - 500_000L, fundField(fund, "availableFen"));
        assertLedgerMatchesFund(UUID.fromString(fund));
        as(FINANCE).get("/api/v1/welfare/funds/" + fund + "/ledger?size=50").then().statusCode(200)
                .body("items.findAll { it.kind == 'RELEASE' }.applicationId", equalTo(List.of(approved)))
                .body("items.findAll { it.kind == 'RELEASE' }.amountFen", equalTo(List.of(200_000)));
    }

    /**
     * #29.11: a fund of a closed year takes no new grants, and the yearly cap holds within a calendar year whatever
     * the years of the funds the grants come from.
     */
    @Test
    void aClosedYearsFundTakesNoGrantsAndTheCapHoldsWithinACalendarYearAcrossFunds() {
        int thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        String worker = verifiedCase("WORKER", "ld.lsj");
        // a fund of two years ago closed on 31 January of last year (the default closing day)
        String closed = Fixtures.createFund("ld.lsj", thisYear - 2, 5_000_000L);
        as(ADMIN).get("/api/v1/welfare/funds/" + closed).then().body("closesOn", equalTo((thisYear - 1) + "-01-31"));
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", closed, "caseId", worker,
                "amountFen", 600_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("/problems/fund-closed"))
                .body("closesOn", equalTo((thisYear - 1) + "-01-31"));
        // last year's fund kept open by its admin, and this year's: 600,000 + 600,000 fen in one calendar year
        // against a cap of 1,000,000 is refused
        String lastYear = as(ADMIN).body(Map.of("code", "late-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Late entries", "year", thisYear - 1, "budgetFen", 5_000_000, "orgCode", "ld.lsj",
                "closesOn", thisYear + "-12-31")).post("/api/v1/welfare/funds").then().statusCode(201)
                .body("closesOn", equalTo(thisYear + "-12-31")).extract().path("id");
        String current = Fixtures.createFund("ld.lsj", thisYear, 5_000_000L);
        String future = Fixtures.createFund("ld.lsj", thisYear + 3, 5_000_000L);
        submit(STAFF, "condolence-visit", lastYear, worker, 600_000L);
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", current, "caseId", worker,
                "amountFen", 600_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/yearly-cap-exceeded")).body("usedFen", equalTo(600_000));
        String rest = submit(STAFF, "condolence-visit", current, worker, 400_000L);
        // a future year's fund does not open a second cap either (amount and count are both used up)
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", future, "caseId", worker,
                "amountFen", 1)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/yearly-cap-exceeded"));
        // a fund cannot close before its year starts
        as(ADMIN).body(Map.of("code", "bad-" + UUID.randomUUID().toString().substring(0, 8), "name", "x", "year",
                thisYear, "budgetFen", 1, "orgCode", "ld.lsj", "closesOn", (thisYear - 1) + "-12-31"))
                .post("/api/v1/welfare/funds").then().statusCode(400).body("errors[0].field", equalTo("closesOn"));

        // once the fund closes, its submitted grants are not approved any more; approved ones are still paid
        String household = verifiedCase("HOUSEHOLD", "ld.lsj");
        String approved = submit(STAFF, "community-aid", lastYear, household, 10_000L);
        String waiting = submit(STAFF, "community-aid", lastYear, household, 20_000L);
        as(REVIEWER).post("/api/v1/welfare/applications/" + approved + "/approve").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE fund SET closes_on = make_date(year, 12, 31) WHERE id = ?1")
                .setParameter(1, UUID.fromString(lastYear)).executeUpdate());
        as(REVIEWER).post("/api/v1/welfare/applications/" + waiting + "/approve").then().statusCode(422)
                .body("type", equalTo("/problems/fund-closed"));
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + approved + "/pay")
                .then().statusCode(200).body("status", equalTo("PAID"));
        as(REVIEWER).post("/api/v1/welfare/applications/" + rest + "/approve").then().statusCode(200);
        assertLedgerMatchesFund(UUID.fromString(lastYear));
    }

    @Test
    void applicationsOfAnotherCountyAreNotFound() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 1_000_000L);
        String app = submit(STAFF, "community-aid", fund, verifiedCase("WORKER", "ld.lsj"), 10_000L);
        as(STAFF_XH).get("/api/v1/welfare/applications/" + app).then().statusCode(404);
        as(org.gonghui.platform.testing.TestTokens.token("reviewer-xh", "ld.xh", "reviewer"))
                .post("/api/v1/welfare/applications/" + app + "/approve").then().statusCode(404);
        as(STAFF_XH).get("/api/v1/welfare/funds/" + fund).then().statusCode(404);
        // a Xinhua clerk cannot apply against a Lengshuijiang fund
        String xhCase = Fixtures.createCase(STAFF_XH, "WORKER", "ld.xh");
        as(STAFF_XH).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", xhCase, "amountFen", 10_000))
                .post("/api/v1/welfare/applications").then().statusCode(404);
        // the municipal fund may pay a county beneficiary, a county fund not another county's
        String cityFund = Fixtures.createFund("ld", 2030, 1_000_000L);
        as(Fixtures.STAFF_LD).body(Map.of("programCode", "community-aid", "fundId", cityFund, "caseId", xhCase,
                "amountFen", 10_000)).post("/api/v1/welfare/applications").then().statusCode(201);
        as(Fixtures.STAFF_LD).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", xhCase,
                "amountFen", 10_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/fund-out-of-scope"));
        as(STAFF).get("/api/v1/welfare/applications?programCode=community-aid&year=2030&size=200").then()
                .statusCode(200).body("items.orgCode.unique()", equalTo(List.of("ld.lsj")));
    }

    @Test
    void submissionHonoursIdempotencyKeysAndBudgetCutsCannotOverspend() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 200_000L);
        String caseId = verifiedCase("WORKER", "ld.lsj");
        Map<String, Object> body = Map.of("programCode", "community-aid", "fundId", fund, "caseId", caseId,
                "amountFen", 150_000);
        String key = Fixtures.key();
        String first = as(STAFF).header("Idempotency-Key", key).body(body).post("/api/v1/welfare/applications").then()
                .statusCode(201).extract().path("id");
        as(STAFF).header("Idempotency-Key", key).body(body).post("/api/v1/welfare/applications").then()
                .statusCode(201).body("id", equalTo(first));
        as(STAFF).header("Idempotency-Key", key).body(Map.of("programCode", "community-aid", "fundId", fund,
                "caseId", caseId, "amountFen", 1)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/idempotency-key-reused"));
        as(REVIEWER).post("/api/v1/welfare/applications/" + first + "/approve").then().statusCode(200);
        as(STAFF).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", caseId,
                "amountFen", Long.MAX_VALUE)).post("/api/v1/welfare/applications").then().statusCode(400)
                .body("errors[0].field", equalTo("amountFen"));
        as(ADMIN).body(Map.of("deltaFen", Long.MAX_VALUE, "reason", "overflow")).post("/api/v1/welfare/funds/" + fund
                + "/budget").then().statusCode(400).body("errors[0].field", equalTo("deltaFen"));

        as(ADMIN).body(Map.of("deltaFen", -60_000, "reason", "cut")).post("/api/v1/welfare/funds/" + fund + "/budget")
                .then().statusCode(409).body("type", equalTo("/problems/insufficient-funds"));
        as(ADMIN).body(Map.of("deltaFen", -50_000, "reason", "cut")).post("/api/v1/welfare/funds/" + fund + "/budget")
                .then().statusCode(200).body("availableFen", equalTo(0)).body("budgetFen", equalTo(150_000));
        // the database itself refuses an overspending row and any ledger change
        assertRefused("UPDATE fund SET committed_fen = committed_fen + 1 WHERE id = '" + fund + "'");
        assertRefused("DELETE FROM ledger_entry WHERE fund_id = '" + fund + "'");
        assertRefused("UPDATE ledger_entry SET amount_fen = 1 WHERE fund_id = '" + fund + "'");
        assertLedgerMatchesFund(UUID.fromString(fund));
    }

    private void assertRefused(String sql) {
        boolean refused = false;
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
        } catch (Exception e) {
            refused = true;
        }
        assertTrue(refused, "the database must refuse: " + sql);
    }

    /** budget = sum(BUDGET); committed = COMMIT - RELEASE - PAYOUT; paid = PAYOUT. */
    void assertLedgerMatchesFund(UUID fundId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT f.budget_fen, f.committed_fen, f.paid_fen,
                       coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'BUDGET'), 0),
                       coalesce(sum(CASE l.kind WHEN 'COMMIT' THEN l.amount_fen WHEN 'RELEASE' THEN -l.amount_fen
                                                WHEN 'PAYOUT' THEN -l.amount_fen END), 0),
                       coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'PAYOUT'), 0)
                FROM fund f LEFT JOIN ledger_entry l ON l.fund_id = f.id WHERE f.id = ?1
                GROUP BY f.budget_fen, f.committed_fen, f.paid_fen""").setParameter(1, fundId).getSingleResult());
        assertEquals(((Number) row[0]).longValue(), ((Number) row[3]).longValue(), "budget vs ledger");
        assertEquals(((Number) row[1]).longValue(), ((Number) row[4]).longValue(), "committed vs ledger");
        assertEquals(((Number) row[2]).longValue(), ((Number) row[5]).longValue(), "paid vs ledger");
        assertTrue(((Number) row[0]).longValue() - ((Number) row[1]).longValue() - ((Number) row[2]).longValue() >= 0);
    }
}
