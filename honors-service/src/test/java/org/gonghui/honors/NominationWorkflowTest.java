package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.gonghui.honors.Fixtures.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.UUID;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.platform.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The nomination workflow end to end through HTTP with role-correct tokens, real PostgreSQL and real Kafka. */
@QuarkusTest
class NominationWorkflowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MovableClock clock;

    @BeforeEach
    void installClock() {
        clock = MovableClock.install();
    }

    @Test
    void fromCampaignToConferralWithScoresNoticeObjectionsAndEvent() throws Exception {
        int year = freshYear();
        String campaignId = createCampaign("may-day-model", year, 3, Map.of("ld.lsj", 1, "ld.lx", 1));
        String idLsj = newIdNumber();

        // staff drafts: the ID number goes in, only its masked form comes out
        Response drafted = given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON)
                .body(individual(campaignId, "王建国", idLsj, "ld.lsj.steel")).post("/api/v1/honors/nominations");
        drafted.then().statusCode(201).body("status", equalTo("DRAFT")) // #29.6: every 201 names its resource
                .header("Location", equalTo("/api/v1/honors/nominations/" + drafted.path("id")))
                .body("nominee.idNumberMasked", equalTo(idLsj.substring(0, 4) + "**********" + idLsj.substring(14)))
                .body("nominee.orgCode", equalTo("ld.lsj.steel"));
        assertFalse(drafted.asString().contains(idLsj), "the raw ID number must never be returned");
        String lsj = drafted.path("id");
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + lsj + "/submit").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("submittedAt", notNullValue());

        String lx = draftAndSubmit(STAFF_LX, individual(campaignId, "李芳", newIdNumber(), "ld.lx"));
        String sf = draftAndSubmit(STAFF_SF, individual(campaignId, "赵强", newIdNumber(), "ld.sf"));

        // reviewers of other counties score; the nominee's own county may not; nobody scores twice
        score(REVIEWER_LX, lsj, 90);
        score(REVIEWER_SF, lsj, 84);
        given().auth().oauth2(REVIEWER_LSJ).contentType(ContentType.JSON).body(Map.of("score", 100))
                .post("/api/v1/honors/nominations/" + lsj + "/scores").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/conflict-of-interest"));
        given().auth().oauth2(REVIEWER_LX).contentType(ContentType.JSON).body(Map.of("score", 10))
                .post("/api/v1/honors/nominations/" + lsj + "/scores").then().statusCode(409)
                .body("type", equalTo("/problems/already-scored"));
        given().auth().oauth2(REVIEWER_SF).contentType(ContentType.JSON).body(Map.of("score", 101))
                .post("/api/v1/honors/nominations/" + lsj + "/scores").then().statusCode(400)
                .body("errors[0].field", equalTo("score"));
        score(REVIEWER_LSJ, lx, 70);
        score(REVIEWER_SF, lx, 95);
        score(REVIEWER_LX, sf, 99); // one score only: not eligible for the shortlist
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON).body(Map.of("score", 50))
                .post("/api/v1/honors/nominations/" + lx + "/scores").then().statusCode(403);

        // shortlist: best mean first (lx 82.5 < lsj 87), the once-scored nomination is not selected
        given().auth().oauth2(ADMIN_LSJ).post("/api/v1/honors/campaigns/" + campaignId + "/shortlist").then()
                .statusCode(403).body("type", equalTo("/problems/campaign-owner-only"));
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/campaigns/" + campaignId + "/shortlist").then()
                .statusCode(200).body("selected.id", org.hamcrest.Matchers.contains(lsj, lx))
                .body("selected[0].meanScore", equalTo(87.0f)).body("notSelected.id", org.hamcrest.Matchers.contains(sf))
                .body("noticeEndsOn", equalTo(today().plusDays(6).toString()));
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/campaigns/" + campaignId + "/shortlist").then()
                .statusCode(409).body("type", equalTo("/problems/illegal-transition"));
        given().auth().oauth2(STAFF_SF).get("/api/v1/honors/nominations/" + sf).then().statusCode(200)
                .body("status", equalTo("NOT_SELECTED"));

        // public notice: anyone may object without a token
        String objection = given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.1.0.1")
                .body(Map.of("reason", "该同志的事迹材料中有夸大之处，请核实。", "contact", "138****0000"))
                .post("/api/v1/honors/nominations/" + lsj + "/objections").then().statusCode(201)
                .body("status", equalTo("OPEN")).extract().path("id");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.1.0.1").body(Map.of("reason", "短"))
                .post("/api/v1/honors/nominations/" + lsj + "/objections").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        // conferral waits for the end of the notice, then for the open objection
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/nominations/" + lsj + "/confer").then().statusCode(409)
                .body("type", equalTo("/problems/notice-period-running"));
        clock.shift(Duration.ofDays(8));
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/nominations/" + lsj + "/confer").then().statusCode(409)
                .body("type", equalTo("/problems/objection-open")).body("openObjections", equalTo(1));
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.1.0.2")
                .body(Map.of("reason", "公示期已过还能提意见吗？测试一下。"))
                .post("/api/v1/honors/nominations/" + lsj + "/objections").then().statusCode(409)
                .body("type", equalTo("/problems/not-in-public-notice"));
        given().auth().oauth2(ADMIN_LX).contentType(ContentType.JSON).body(Map.of("upheld", false, "note", "x"))
                .post("/api/v1/honors/objections/" + objection + "/resolve").then().statusCode(404);
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON)
                .body(Map.of("upheld", false, "note", "经核实，材料属实"))
                .post("/api/v1/honors/objections/" + objection + "/resolve").then().statusCode(200)
                .body("status", equalTo("DISMISSED"));

        // two admins confer at the same moment: exactly one succeeds
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Response>> both;
        try {
            Callable<Response> confer = () -> given().auth().oauth2(ADMIN_LD)
                    .post("/api/v1/honors/nominations/" + lsj + "/confer");
            both = pool.invokeAll(List.of(confer, confer));
        } finally {
            pool.shutdown();
        }
        Response first = both.get(0).get();
        Response second = both.get(1).get();
        Response conferred = first.statusCode() == 200 ? first : second;
        Response lost = first.statusCode() == 200 ? second : first;
        conferred.then().statusCode(200).body("status", equalTo("CONFERRED")).body("honorId", notNullValue());
        lost.then().statusCode(409).contentType("application/problem+json");
        String honorId = conferred.path("honorId");
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/nominations/" + lsj + "/confer").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition")).body("currentState", equalTo("CONFERRED"));

        // the event is on Kafka, in CloudEvents binary mode, and matches its schema
        ConsumerRecord<String, String> record = TestEvents.awaitRecord(Topics.HONORS,
                r -> r.value().contains(honorId), DEADLINE);
        assertEquals(1, given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/honors?year=" + year)
                .then().extract().<Integer> path("total"), "one honor despite two concurrent conferrals");
        assertEquals(honorId, record.key());
        assertEquals("1.0", TestEvents.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(EventType.HONOR_CONFERRED.type(), TestEvents.header(record, CloudEventHeaders.TYPE));
        assertEquals("/gonghui/honors-service", TestEvents.header(record, CloudEventHeaders.SOURCE));
        assertEquals(honorId, TestEvents.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", TestEvents.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertNotNull(UUID.fromString(TestEvents.header(record, CloudEventHeaders.ID)));
        assertNotNull(TestEvents.header(record, CloudEventHeaders.TIME));
        TestEvents.assertMatchesSchema(EventType.HONOR_CONFERRED, record.value());
        JsonNode data = JSON.readTree(record.value());
        assertEquals("may-day-model", data.get("awardCode").asText());
        assertEquals("MUNICIPAL", data.get("level").asText());
        assertFalse(data.get("modelWorker").asBoolean());
        assertEquals(year, data.get("year").asInt());
        assertEquals("INDIVIDUAL", data.get("recipientKind").asText());
        assertTrue(data.get("personRef").asText().matches("[0-9a-f]{64}"));
        assertTrue(data.get("certificateNo").asText().matches("HON-" + year + "-\\d{6}"));
        assertFalse(record.value().contains(idLsj));

        // an upheld objection withdraws the other nominee, who can then not be conferred
        clock.reset();
        String objection2 = given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.1.0.3")
                .body(Map.of("reason", "该候选人曾受过处分，不符合评选条件。")).post("/api/v1/honors/nominations/" + lx
                        + "/objections").then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("upheld", true, "note", "处分属实"))
                .post("/api/v1/honors/objections/" + objection2 + "/resolve").then().statusCode(200)
                .body("status", equalTo("UPHELD"));
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("upheld", true, "note", "again"))
                .post("/api/v1/honors/objections/" + objection2 + "/resolve").then().statusCode(409)
                .body("currentState", equalTo("UPHELD"));
        given().auth().oauth2(STAFF_LX).get("/api/v1/honors/nominations/" + lx).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        clock.shift(Duration.ofDays(8));
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/nominations/" + lx + "/confer").then().statusCode(409)
                .body("currentState", equalTo("WITHDRAWN"));

        // the honor is listed, on the public roll (without ID data) and counted in the stats
        given().auth().oauth2(STAFF_LSJ).get("/api/v1/honors/honors?year=" + year).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].certificateNo", matchesPattern("HON-" + year + "-\\d{6}"))
                .body("items[0].name", equalTo("王建国"));
        given().auth().oauth2(STAFF_LX).get("/api/v1/honors/honors?year=" + year).then().statusCode(200)
                .body("total", equalTo(0));
        Response roll = given().get("/api/v1/honors/roll?year=" + year);
        roll.then().statusCode(200).body("items[0].name", equalTo("王建国")).body("items[0].unitName", equalTo("涟钢炼铁厂"))
                .body("items[0].awardCode", equalTo("may-day-model")).body("items[0].year", equalTo(year))
                .header("Cache-Control", containsString("max-age=")).header("ETag", notNullValue());
        assertFalse(roll.asString().contains("idNumber"));
        assertFalse(roll.asString().contains("personRef"));
        String etag = roll.header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/honors/roll?year=" + year).then().statusCode(304);
        given().auth().oauth2(AUDITOR_LD).get("/api/v1/honors/stats?year=" + year).then().statusCode(200)
                .body("byAward.may-day-model", equalTo(1)).body("byAward.loudi-craftsman", equalTo(0));
        given().auth().oauth2(STAFF_XH).get("/api/v1/honors/stats?year=" + year).then()
                .statusCode(200).body("byAward.may-day-model", equalTo(0));

        // revocation emits honor-revoked and takes the honor off the roll
        given().auth().oauth2(ADMIN_LX).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/honors/honors/" + honorId + "/revoke").then().statusCode(404);
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("reason", "弄虚作假，撤销称号"))
                .post("/api/v1/honors/honors/" + honorId + "/revoke").then().statusCode(200)
                .body("revoked", equalTo(true));
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/honors/honors/" + honorId + "/revoke").then().statusCode(409)
                .body("currentState", equalTo("REVOKED"));
        ConsumerRecord<String, String> revoked = TestEvents.awaitRecord(Topics.HONORS,
                r -> EventType.HONOR_REVOKED.type().equals(TestEvents.header(r, CloudEventHeaders.TYPE))
                        && r.value().contains(honorId), DEADLINE);
        TestEvents.assertMatchesSchema(EventType.HONOR_REVOKED, revoked.value());
        given().header("If-None-Match", etag).get("/api/v1/honors/roll?year=" + year).then().statusCode(200)
                .body("total", equalTo(0)).header("ETag", not(equalTo(etag)));

        // every state change is in the audit trail, visible to auditors
        given().auth().oauth2(AUDITOR_LD).get("/api/v1/honors/audit?size=200").then().statusCode(200)
                .body("action", hasItems("campaign.created", "nomination.created", "nomination.submitted",
                        "nomination.scored", "nomination.shortlisted", "nomination.not-selected", "objection.lodged",
                        "objection.dismissed", "objection.upheld", "nomination.withdrawn", "nomination.conferred",
                        "honor.conferred", "honor.revoked", "nomination.read", "honor.list"))
                .body("findAll { it.action == 'nomination.submitted' }.actor", hasItem("clerk-lsj"));
    }

    @Test
    void tenancyDuplicatesAndIllegalTransitions() {
        int year = freshYear();
        String campaignId = createCampaign("loudi-craftsman", year, 5, Map.of());
        String idNumber = newIdNumber();
        String lsj = draft(STAFF_LSJ, individual(campaignId, "周师傅", idNumber, "ld.lsj"));

        // another county cannot see, submit or list it: 404 as if it did not exist
        given().auth().oauth2(ADMIN_LX).get("/api/v1/honors/nominations/" + lsj).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(STAFF_LX).post("/api/v1/honors/nominations/" + lsj + "/submit").then().statusCode(404);
        given().auth().oauth2(STAFF_LX).get("/api/v1/honors/nominations?campaignId=" + campaignId).then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/nominations?campaignId=" + campaignId).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(lsj));
        // reviewers of other counties see nothing of drafts
        given().auth().oauth2(REVIEWER_LX).get("/api/v1/honors/nominations/" + lsj).then().statusCode(404);
        // staff cannot nominate outside its own subtree
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON)
                .body(individual(campaignId, "外县人", newIdNumber(), "ld.lx")).post("/api/v1/honors/nominations")
                .then().statusCode(403).body("type", equalTo("/problems/org-out-of-scope"));

        // the same person twice in one campaign
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON)
                .body(individual(campaignId, "周师傅", idNumber, "ld.lsj.steel")).post("/api/v1/honors/nominations")
                .then().statusCode(409).body("type", equalTo("/problems/duplicate-nominee"))
                .body("existingId", equalTo(lsj));
        // an invalid ID number is refused with the field named
        String bad = idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? '2' : '1');
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON)
                .body(individual(campaignId, "错号", bad, "ld.lsj")).post("/api/v1/honors/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("nominee.idNumber"));
        // a collective cannot be nominated for an individual award
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON)
                .body(Map.of("campaignId", campaignId, "justification", "集体",
                        "nominee", Map.of("kind", "COLLECTIVE", "name", "炼钢班", "unitName", "涟钢", "orgCode", "ld.lsj")))
                .post("/api/v1/honors/nominations").then().statusCode(422)
                .body("type", equalTo("/problems/nominee-kind-mismatch"));

        // illegal transitions name the current state
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("reason", "材料不全"))
                .post("/api/v1/honors/nominations/" + lsj + "/reject").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition")).body("currentState", equalTo("DRAFT"));
        given().auth().oauth2(ADMIN_LD).post("/api/v1/honors/nominations/" + lsj + "/confer").then().statusCode(409)
                .body("currentState", equalTo("DRAFT"));
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + lsj + "/submit").then().statusCode(200);
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + lsj + "/submit").then().statusCode(409)
                .body("currentState", equalTo("SUBMITTED"));
        given().auth().oauth2(REVIEWER_LX).get("/api/v1/honors/nominations/" + lsj).then().statusCode(200)
                .body("nominee.name", equalTo("周师傅"));
        given().auth().oauth2(REVIEWER_XH).contentType(ContentType.JSON).body(Map.of("reason", "不符合条件"))
                .post("/api/v1/honors/nominations/" + lsj + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("不符合条件"));
        given().auth().oauth2(REVIEWER_XH).contentType(ContentType.JSON).body(Map.of("score", 60))
                .post("/api/v1/honors/nominations/" + lsj + "/scores").then().statusCode(409)
                .body("currentState", equalTo("REJECTED"));

        // after rejection the person may be nominated again in the same campaign
        draft(STAFF_LSJ, individual(campaignId, "周师傅", idNumber, "ld.lsj"));
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/nominations?status=CONFIRMED").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/honors?orgCode=ld%25").then().statusCode(400)
                .body("errors[0].field", equalTo("orgCode"));
        // unknown ids are 404, malformed ids are problems too
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/nominations/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(ADMIN_LD).get("/api/v1/honors/nominations/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        // the public cannot object to a nomination that is not in notice
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.2.0.1")
                .body(Map.of("reason", "我对此提名有异议，请复核。")).post("/api/v1/honors/nominations/" + lsj
                        + "/objections").then().statusCode(409).body("type", equalTo("/problems/not-in-public-notice"));
    }

    @Test
    void catalogAndCampaignRules() {
        given().auth().oauth2(STAFF_SF).get("/api/v1/honors/awards").then().statusCode(200)
                .body("code", hasItems("may-day-pioneer-collective", "may-day-pioneer-post", "furong-model-post",
                        "may-day-model", "furong-star", "hunan-craftsman", "loudi-craftsman", "model-worker-national",
                        "model-worker-provincial", "model-worker-municipal", "outstanding-volunteer"))
                .body("find { it.code == 'outstanding-volunteer' }.minVolunteerHours", equalTo(40))
                .body("find { it.code == 'model-worker-national' }.modelWorker", equalTo(true))
                .body("find { it.code == 'model-worker-national' }.level", equalTo("NATIONAL"))
                .body("find { it.code == 'may-day-pioneer-collective' }.recipientKind", equalTo("COLLECTIVE"))
                .body("find { it.code == 'may-day-model' }.name", equalTo("五一标兵"))
                .body("find { it.code == 'may-day-model' }.minVolunteerHours", nullValue());
        given().get("/api/v1/honors/awards").then().statusCode(401);

        Map<String, Object> award = Map.of("code", "ld-youth-pioneer", "name", "娄底青年岗位能手", "nameEn",
                "Loudi Youth Post Expert", "recipientKind", "INDIVIDUAL", "level", "MUNICIPAL");
        given().auth().oauth2(ADMIN_LSJ).contentType(ContentType.JSON).body(award).post("/api/v1/honors/awards")
                .then().statusCode(403).body("type", equalTo("/problems/catalog-owner-only"));
        given().auth().oauth2(STAFF_LD).contentType(ContentType.JSON).body(award).post("/api/v1/honors/awards")
                .then().statusCode(403);
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(award).post("/api/v1/honors/awards")
                .then().statusCode(201).body("modelWorker", equalTo(false))
                .header("Location", equalTo("/api/v1/honors/awards"));
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(award).post("/api/v1/honors/awards")
                .then().statusCode(409).body("type", equalTo("/problems/duplicate-award"));

        int year = freshYear();
        Map<String, Object> campaign = new java.util.HashMap<>(Map.of("awardCode", "hunan-craftsman", "year", year,
                "quota", 3, "orgQuotas", Map.of("ld.lsj", 2, "ld.lx", 2), "nominationOpens",
                today().toString(), "nominationCloses", today().plusDays(10).toString()));
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(400).body("errors[0].field", equalTo("orgQuotas"));
        campaign.put("orgQuotas", Map.of("ld.lsj", 2, "ld.lx", 1));
        String id = given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(201).body("noticeDays", equalTo(7))
                .header("Location", org.hamcrest.Matchers.startsWith("/api/v1/honors/campaigns/"))
                .body("orgCode", equalTo("ld")).extract().path("id");
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(409).body("type", equalTo("/problems/duplicate-campaign"));
        given().auth().oauth2(STAFF_SF).get("/api/v1/honors/campaigns?year=" + year).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].orgQuotas.'ld.lsj'", equalTo(2));
        given().auth().oauth2(STAFF_SF).get("/api/v1/honors/campaigns/" + id).then().statusCode(200);
        given().auth().oauth2(STAFF_LSJ).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(403);
        campaign.put("year", freshYear());
        campaign.put("nominationCloses", today().minusDays(1).toString());
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(400)
                .body("errors[0].field", equalTo("nominationCloses"));

        // a closed campaign refuses submissions
        campaign.put("nominationOpens", today().minusDays(20).toString());
        String closed = given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(campaign)
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");
        String n = draft(STAFF_LSJ, individual(closed, "晚到者", newIdNumber(), "ld.lsj"));
        given().auth().oauth2(STAFF_LSJ).post("/api/v1/honors/nominations/" + n + "/submit").then().statusCode(409)
                .body("type", equalTo("/problems/campaign-closed"));
        given().auth().oauth2(AUDITOR_LD).get("/api/v1/honors/audit").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(1));
    }
}
