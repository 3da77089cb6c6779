package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.gonghui.honors.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.contracts.volunteer.HoursLogged;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.testing.TestEvents;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Quotas under concurrency, historical import, the volunteer-hours gate and the objection throttle. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaImportAndHoursTest {

    @Inject
    PersonRefs personRefs;

    @Inject
    EntityManager em;

    @Test
    void totalAndPerOrgQuotasAreEnforced() {
        int year = freshYear();
        String campaignId = createCampaign("furong-star", year, 3, Map.of("ld.lsj", 1));
        draftAndSubmit(STAFF_LSJ, individual(campaignId, "甲", newIdNumber(), "ld.lsj"));
        // a grassroots union counts against its county's quota
        String steel = draft(STAFF_LSJ, individual(campaignId, "乙", newIdNumber(), "ld.lsj.steel"));
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + steel + "/submit").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/quota-exhausted")).body("quotaScope", equalTo("ld.lsj"));
        draftAndSubmit(STAFF_LX, individual(campaignId, "丙", newIdNumber(), "ld.lx"));
        String lx2 = draftAndSubmit(STAFF_LX, individual(campaignId, "丁", newIdNumber(), "ld.lx"));
        String sf = draft(STAFF_SF, individual(campaignId, "戊", newIdNumber(), "ld.sf"));
        given().auth().oauth2(STAFF_SF).post("/api/v1/honors/nominations/" + sf + "/submit").then().statusCode(409)
                .body("type", equalTo("/problems/quota-exhausted")).body("quotaScope", equalTo("total"));
        // a withdrawal frees its place
        given().auth().oauth2(STAFF_LX).contentType(ContentType.JSON).body(Map.of("reason", "本人主动退出"))
                .post("/api/v1/honors/nominations/" + lx2 + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        given().auth().oauth2(STAFF_SF).post("/api/v1/honors/nominations/" + sf + "/submit").then().statusCode(200);
    }

    @Test
    void orgQuotasReservePlacesThatOtherCountiesCannotTake() {
        // #29.4: 3 places, 1 reserved for ld.lx and 1 for ld.lsj; ld.ly (no quota) shares the 1 left
        String campaignId = createCampaign("loudi-craftsman", freshYear(), 3, Map.of("ld.lx", 1, "ld.lsj", 1));
        draftAndSubmit(STAFF_LD, individual(campaignId, "娄阳一", newIdNumber(), "ld.ly"));
        for (int i = 2; i <= 3; i++) {
            String ly = draft(STAFF_LD, individual(campaignId, "娄阳" + i, newIdNumber(), "ld.ly"));
            given().auth().oauth2(STAFF_LD).post("/api/v1/honors/nominations/" + ly + "/submit").then()
                    .statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("/problems/quota-exhausted")).body("quotaScope", equalTo("unallocated"))
                    .body("quota", equalTo(1));
        }
        draftAndSubmit(STAFF_LX, individual(campaignId, "涟源人", newIdNumber(), "ld.lx"));
        draftAndSubmit(STAFF_LSJ, individual(campaignId, "冷水江人", newIdNumber(), "ld.lsj"));
        String sf = draft(STAFF_SF, individual(campaignId, "双峰人", newIdNumber(), "ld.sf"));
        given().auth().oauth2(STAFF_SF).post("/api/v1/honors/nominations/" + sf + "/submit").then().statusCode(409)
                .body("quotaScope", equalTo("total"));
    }

    @Test
    void parallelSubmissionsRespectReservedOrgPlaces() throws Exception {
        String campaignId = createCampaign("loudi-craftsman", freshYear(), 3, Map.of("ld.lx", 1, "ld.lsj", 1));
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String org = i < 8 ? "ld.ly" : i < 10 ? "ld.lx" : "ld.lsj";
            drafts.add(draft(STAFF_LD, individual(campaignId, "并发" + i, newIdNumber(), org)));
        }
        List<Integer> statuses = submitInParallel(drafts);
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        for (String org : List.of("ld.ly", "ld.lx", "ld.lsj")) {
            List<String> orgs = given().auth().oauth2(ADMIN_LD)
                    .get("/api/v1/honors/nominations?status=SUBMITTED&campaignId=" + campaignId).then()
                    .statusCode(200).extract().path("items.nominee.orgCode");
            assertEquals(1, orgs.stream().filter(org::equals).count(), org + " in " + orgs);
        }
    }

    @Test
    void fiftyParallelSubmissionsForTenPlacesGiveExactlyTen() throws Exception {
        int year = freshYear();
        String campaignId = createCampaign("hunan-craftsman", year, 10, Map.of());
        String[] orgs = { "ld.lsj", "ld.lx", "ld.ly", "ld.sf", "ld.xh" };
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            drafts.add(draft(STAFF_LD, individual(campaignId, "工匠" + i, newIdNumber(), orgs[i % orgs.length])));
        }
        List<Integer> statuses = submitInParallel(drafts);
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(40, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/nominations?status=SUBMITTED&campaignId=" + campaignId)
                .then().statusCode(200).body("total", equalTo(10));
    }

    /** Submits every draft at once (one thread each, as clerk of ld); the statuses in draft order. */
    private static List<Integer> submitInParallel(List<String> drafts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(drafts.size());
        try {
            List<Callable<Integer>> submissions = drafts.stream().<Callable<Integer>> map(id -> () -> given()
                    .auth().oauth2(STAFF_LD).post("/api/v1/honors/nominations/" + id + "/submit").statusCode())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(submissions)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void volunteerHoursGateUsesTheHoursLoggedEvents() {
        int year = today().getYear();
        String campaignId = createCampaign("outstanding-volunteer", year, 5, Map.of());
        String idNumber = newIdNumber();
        String personRef = personRefs.of(idNumber);
        UUID volunteerId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        UUID activity1 = UUID.randomUUID();
        UUID duplicateDelivery = UUID.randomUUID();
        HoursLogged day = new HoursLogged(activity1, volunteerId, personRef, "ld.lsj", year, 1440, now, now);
        TestEvents.publish(duplicateDelivery, activity1, day);
        TestEvents.publish(duplicateDelivery, activity1, day); // redelivered: counted once
        UUID activity2 = UUID.randomUUID();
        TestEvents.publish(activity2, new HoursLogged(activity2, volunteerId, personRef, "ld.lsj", year, 720, now, now));

        String id = draft(STAFF_LSJ, individual(campaignId, "志愿者小刘", idNumber, "ld.lsj"));
        // 24 h + 12 h = 36 h of the 40 needed, once both events are applied
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(STAFF_LSJ)
                .post("/api/v1/honors/nominations/" + id + "/submit").then().statusCode(422)
                .body("type", equalTo("/problems/insufficient-volunteer-hours"))
                .body("hoursFound", equalTo(36.0f)).body("hoursNeeded", equalTo(40)));
        UUID activity3 = UUID.randomUUID();
        TestEvents.publish(activity3, new HoursLogged(activity3, volunteerId, personRef, "ld.lsj", year, 300, now, now));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(STAFF_LSJ)
                .post("/api/v1/honors/nominations/" + id + "/submit").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")));
        // somebody without logged hours is refused with zero found
        String other = draft(STAFF_LSJ, individual(campaignId, "没来过", newIdNumber(), "ld.lsj"));
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + other + "/submit").then()
                .statusCode(422).body("hoursFound", equalTo(0.0f));
    }

    @Test
    void importWithMixedRowsReportsLinesAndPublishesAcceptedOnes() throws Exception {
        String good = newIdNumber();
        String twice = newIdNumber();
        String badChecksum = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        String csv = String.join("\n",
                "awardCode,year,name,idNumber,unitName,orgCode",
                "model-worker-provincial,1995,张劳模," + good + ",冷水江锑矿,ld.lsj",            // 2 ok
                "may-day-pioneer-collective,2016,锑冶炼车间,,冷水江锑矿,ld.lsj.steel",            // 3 ok
                "no-such-award,2016,某某,,某单位,ld.lsj",                                         // 4 unknown award
                "model-worker-municipal,19x5,某某,,某单位,ld.lsj",                                // 5 bad year
                "model-worker-municipal,2001,某某," + badChecksum + ",某单位,ld.lsj",              // 6 bad ID
                "model-worker-municipal,2001,外县人,,某单位,ld.lx",                               // 7 outside org
                "model-worker-municipal,2001,李四," + twice + ",单位,ld.lsj",                      // 8 ok
                "model-worker-municipal,2001,李四," + twice + ",单位,ld.lsj",                      // 9 duplicate of 8
                "model-worker-municipal,2001,,,,ld.lsj");                                        // 10 no name
        Response first = given().auth().oauth2(ADMIN_LSJ).contentType("text/csv; charset=utf-8")
                .header("Idempotency-Key", "import-mixed-1").body(csv).post("/api/v1/honors/honors/import");
        first.then().statusCode(200).body("accepted", equalTo(3)).body("rejected", equalTo(6))
                .body("errors.line", org.hamcrest.Matchers.contains(4, 5, 6, 7, 9, 10))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("awardCode"))
                .body("errors[4].message", org.hamcrest.Matchers.containsString("line 8"));
        // the same key and body replay the first result; nothing is imported twice
        given().auth().oauth2(ADMIN_LSJ).contentType("text/csv; charset=utf-8").header("Idempotency-Key",
                "import-mixed-1").body(csv).post("/api/v1/honors/honors/import").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("accepted", equalTo(3));
        given().auth().oauth2(ADMIN_LSJ).contentType("text/csv").header("Idempotency-Key", "import-mixed-1")
                .body(csv + "\n").post("/api/v1/honors/honors/import").then().statusCode(422)
                .body("type", equalTo("/problems/idempotency-key-reused"));
        given().auth().oauth2(ADMIN_LSJ).get("/api/v1/honors/honors?award=model-worker-provincial&year=1995").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].source", equalTo("IMPORT"))
                .body("items[0].idNumberMasked", equalTo(good.substring(0, 4) + "**********" + good.substring(14)));

        // a later import of the same holding is refused; a JSON array works the same way
        given().auth().oauth2(ADMIN_LSJ).contentType(ContentType.JSON)
                .body(List.of(Map.of("awardCode", "model-worker-provincial", "year", 1995, "name", "张劳模",
                        "idNumber", good, "unitName", "冷水江锑矿", "orgCode", "ld.lsj"),
                        Map.of("awardCode", "loudi-craftsman", "year", 2020, "name", "陈工匠", "unitName", "华菱涟钢",
                                "orgCode", "ld.lsj")))
                .post("/api/v1/honors/honors/import").then().statusCode(200).body("accepted", equalTo(1))
                .body("errors", hasSize(1)).body("errors[0].line", equalTo(1));
        given().auth().oauth2(ADMIN_LSJ).contentType(ContentType.JSON).body("{\"not\":\"an array\"}")
                .post("/api/v1/honors/honors/import").then().statusCode(400)
                .body("type", equalTo("/problems/import-not-array"));
        given().auth().oauth2(ADMIN_LSJ).contentType("text/csv").body("awardCode,name\nx,y")
                .post("/api/v1/honors/honors/import").then().statusCode(400)
                .body("type", equalTo("/problems/import-header"));
        given().auth().oauth2(STAFF_LSJ).contentType("text/csv").body(csv).post("/api/v1/honors/honors/import").then()
                .statusCode(403);

        // each accepted row is published as honor-conferred; model-worker titles say so
        String honorId = given().auth().oauth2(ADMIN_LSJ).get("/api/v1/honors/honors?award=model-worker-provincial&year=1995")
                .then().extract().path("items[0].id");
        ConsumerRecord<String, String> record = TestEvents.awaitRecord(Topics.HONORS, r -> r.value().contains(honorId),
                Duration.ofSeconds(60));
        TestEvents.assertMatchesSchema(EventType.HONOR_CONFERRED, record.value());
        assertTrue(record.value().contains("\"modelWorker\":true"), record.value());
        assertTrue(record.value().contains("\"level\":\"PROVINCIAL\""), record.value());

        // an individual cannot be nominated for an award already held that year
        String campaignId = createCampaign("model-worker-municipal", 2001, 5, Map.of());
        String n = draft(STAFF_LSJ, individual(campaignId, "李四", twice, "ld.lsj"));
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + n + "/submit").then().statusCode(409)
                .body("type", equalTo("/problems/already-honored"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: its 10,000 events should not slow down the other tests' topic reads
    void tenThousandRowsImportCompletelyAndAllTheirEventsArePublished() throws Exception {
        StringBuilder csv = new StringBuilder("awardCode,year,name,idNumber,unitName,orgCode\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("model-worker-municipal,").append(1980 + i % 40).append(",劳模").append(i).append(',')
                    .append(newIdNumber()).append(",娄底单位").append(i % 97).append(",ld.ly\n");
        }
        // a lean HTTP client, so the figure is the service's time, not the test client's
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/honors/honors/import")).header("Authorization", "Bearer " + ADMIN_LD)
                .header("Content-Type", "text/csv; charset=utf-8").header("Idempotency-Key", "bench-10k")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("import of 10,000 rows: " + millis + " ms (load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"accepted\":10000"), response.body());
        // the 10 s goal is checked by the benchmark (bench/), not by a timed test on a shared machine
        given().auth().oauth2(AUDITOR_LD).get("/api/v1/honors/stats?year=1980").then().statusCode(200)
                .body("byAward.model-worker-municipal", equalTo(250));
        // and the relay drains the 10,000 events to Kafka
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                        .getSingleResult()).longValue() == 0));
    }

    @Test
    void objectionsAreThrottledPerClientAddress() {
        String unknown = "/api/v1/honors/nominations/" + UUID.randomUUID() + "/objections";
        Map<String, String> body = Map.of("reason", "节流测试：异议内容足够长。");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.9.9.9").body(body).post(unknown)
                    .then().statusCode(404);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.9.9.9").body(body).post(unknown).then()
                .statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/objections-throttled"));
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.9.9.10").body(body).post(unknown).then()
                .statusCode(404);
        // only a hash of the address is stored
        long clear = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM objection_throttle WHERE ip_hash LIKE '10.9.%'").getSingleResult()).longValue());
        assertEquals(0, clear);
    }
}
