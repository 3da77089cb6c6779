package org.gonghui.volunteer.activity;

import static org.awaitility.Awaitility.await;
import static org.gonghui.volunteer.Fixtures.activity;
import static org.gonghui.volunteer.Fixtures.as;
import static org.gonghui.volunteer.Fixtures.community;
import static org.gonghui.volunteer.Fixtures.coordinator;
import static org.gonghui.volunteer.Fixtures.idNumber;
import static org.gonghui.volunteer.Fixtures.team;
import static org.gonghui.volunteer.Fixtures.volunteer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.contracts.welfare.AidPaid;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.testing.TestEvents;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CompletionAndEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "ld.xh";

    @Inject
    PersonRefs personRefs;

    /**
     * New Year's Eve shift 22:00-02:00 Shanghai time, past (hours are credited only for a shift that happened, issue
     * 29.2), its attendance entered afterwards from the sign-in sheet: hours rounded, capped, overridden, published.
     */
    @Test
    void completingCreditsRoundedHoursAndPublishesSchemaValidEvents() throws Exception {
        String coord = coordinator(ORG);
        OffsetDateTime start = OffsetDateTime.parse("2025-12-31T22:00:00+08:00");
        OffsetDateTime end = OffsetDateTime.parse("2026-01-01T02:00:00+08:00");
        String idNumber = idNumber();
        UUID early = volunteer(coord, "早到", idNumber);
        UUID noCheckout = volunteer(coord, "未签退");
        UUID overridden = volunteer(coord, "加时");
        UUID absent = volunteer(coord, "缺席");
        UUID team = team(coord, "新化一队", early, noCheckout, overridden, absent);
        UUID place = community(coord, "上梅社区");
        UUID activity = activity(coord, place, team, start, end, 10);
        record(coord, activity, early, "2025-12-31T21:55:00+08:00", "2026-01-01T02:10:00+08:00");
        record(coord, activity, noCheckout, "2025-12-31T23:00:00+08:00", null);
        record(coord, activity, overridden, "2025-12-31T22:00:00+08:00", "2026-01-01T03:00:00+08:00");

        as(coord).body(Map.of("overrides", List.of(Map.of("volunteerId", overridden, "minutes", 20, "reason", "x"))))
                .post("/api/v1/volunteer/activities/" + activity + "/complete").then().statusCode(400);
        as(coord).body(Map.of("overrides", List.of(Map.of("volunteerId", overridden, "minutes", 300))))
                .post("/api/v1/volunteer/activities/" + activity + "/complete").then().statusCode(400);
        as(TestTokens.volunteerToken("leader", ORG, early)).body(Map.of())
                .post("/api/v1/volunteer/activities/" + activity + "/complete").then().statusCode(403);
        as(coord).body(Map.of("overrides", List.of(Map.of("volunteerId", overridden, "minutes", 300, "reason",
                "stayed to help the last family home"))))
                .post("/api/v1/volunteer/activities/" + activity + "/complete").then().statusCode(200)
                .body("size()", equalTo(3))
                .body("find { it.volunteerId == '" + early + "' }.minutes", equalTo(240))
                .body("find { it.volunteerId == '" + noCheckout + "' }.minutes", equalTo(180))
                .body("find { it.volunteerId == '" + overridden + "' }.minutes", equalTo(300));
        as(coord).body(Map.of()).post("/api/v1/volunteer/activities/" + activity + "/complete").then()
                .statusCode(409).body("type", equalTo("/problems/illegal-transition"));
        checkInRefused(coord, activity, absent);

        ConsumerRecord<String, String> hours = TestEvents.awaitRecord(Topics.VOLUNTEER,
                r -> EventType.HOURS_LOGGED.type().equals(TestEvents.header(r, CloudEventHeaders.TYPE))
                        && r.value().contains(activity.toString()) && r.value().contains(early.toString()),
                Duration.ofSeconds(30));
        TestEvents.assertMatchesSchema(EventType.HOURS_LOGGED, hours.value());
        JsonNode logged = JSON.readTree(hours.value());
        assertEquals(240, logged.get("minutes").asInt());
        assertEquals(2025, logged.get("year").asInt(), "the year is the Shanghai year of the shift's start");
        assertEquals(personRefs.of(idNumber), logged.get("personRef").asText());
        assertEquals(early.toString(), hours.key());

        List<ConsumerRecord<String, String>> all = TestEvents.readAll(Topics.VOLUNTEER,
                r -> r.value().contains(activity.toString()), Duration.ofSeconds(2));
        assertEquals(3, all.stream().filter(r -> EventType.HOURS_LOGGED.type()
                .equals(TestEvents.header(r, CloudEventHeaders.TYPE))).count(), "one hours-logged per attendee");
        ConsumerRecord<String, String> completed = all.stream().filter(r -> EventType.ACTIVITY_COMPLETED.type()
                .equals(TestEvents.header(r, CloudEventHeaders.TYPE))).findFirst().orElseThrow();
        TestEvents.assertMatchesSchema(EventType.ACTIVITY_COMPLETED, completed.value());
        JsonNode done = JSON.readTree(completed.value());
        assertEquals(3, done.get("attendees").asInt());
        assertEquals(720, done.get("totalMinutes").asInt());
        for (ConsumerRecord<String, String> r : all) {
            if (EventType.HOURS_LOGGED.type().equals(TestEvents.header(r, CloudEventHeaders.TYPE))) {
                TestEvents.assertMatchesSchema(EventType.HOURS_LOGGED, r.value());
            }
        }

        // the volunteer reads its own hours; another volunteer may not
        as(TestTokens.volunteerToken("early", ORG, early)).get("/api/v1/volunteer/volunteers/" + early
                + "/hours?year=2025").then().statusCode(200).body("totalMinutes", equalTo(240))
                .body("hours", equalTo(4)).body("activities[0].activityId", equalTo(activity.toString()));
        as(TestTokens.volunteerToken("early", ORG, early)).get("/api/v1/volunteer/volunteers/" + noCheckout
                + "/hours?year=2025").then().statusCode(403);
        as(coord).get("/api/v1/volunteer/volunteers/" + overridden + "/hours?year=2025").then().statusCode(200)
                .body("activities[0].overrideReason", equalTo("stayed to help the last family home"));
        as(coord).get("/api/v1/volunteer/volunteers/" + overridden + "/hours?year=2026").then().statusCode(200)
                .body("totalMinutes", equalTo(0));

        // aid paid on this visit, delivered twice with the same ce_id, counts once
        UUID eventId = UUID.randomUUID();
        AidPaid aid = new AidPaid(UUID.randomUUID(), "community-aid", UUID.randomUUID(), ORG, 50_000L, null,
                activity, 2025, OffsetDateTime.parse("2025-12-31T23:30:15+08:00"));
        TestEvents.publish(eventId, activity, aid);
        TestEvents.publish(eventId, activity, aid);
        // a later, different payment on the same key proves the duplicate was consumed (same partition, in order)
        TestEvents.publish(activity, new AidPaid(UUID.randomUUID(), "condolence-visit", UUID.randomUUID(), ORG,
                20_000L, null, activity, 2025, OffsetDateTime.parse("2025-12-31T23:40:15+08:00")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(coord)
                .get("/api/v1/volunteer/activities/" + activity).then().body("aidDeliveredFen", equalTo(70_000)));

        // teams on the books in the year (issue 29.19): 新化一队 served in 2025 (entered later, it counts from its first
        // shift); 新化备勤队, formed now without a shift, counts from this year on, not in 2025
        team(coord, "新化备勤队", absent);
        as(TestTokens.token("clerk", ORG, "staff")).get("/api/v1/volunteer/stats?year=2025").then().statusCode(200)
                .body("year", equalTo(2025)).body("orgCode", equalTo(ORG)).body("activities", equalTo(1))
                .body("teams", equalTo(1)).body("communitiesServed", equalTo(1))
                .body("volunteerHours", equalTo(12)).body("volunteerMinutes", equalTo(720))
                .body("aidDeliveredFen", equalTo(70_000));
        as(TestTokens.token("auditor", "ld.sf", "auditor")).get("/api/v1/volunteer/stats?year=2025").then()
                .statusCode(200).body("activities", equalTo(0)).body("aidDeliveredFen", equalTo(0));
        as(coord).get("/api/v1/volunteer/stats?year=2025").then().statusCode(403);
        int thisYear = java.time.Year.now(org.gonghui.volunteer.support.Times.ZONE).getValue();
        as(TestTokens.token("clerk", ORG, "staff")).get("/api/v1/volunteer/stats?year=" + thisYear).then()
                .statusCode(200).body("teams", equalTo(2)).body("activities", equalTo(0));
        as(TestTokens.token("clerk", ORG, "staff")).get("/api/v1/volunteer/stats?year=2024").then()
                .statusCode(200).body("teams", equalTo(0));
    }

    @Test
    void honorsConferredOnTheSamePersonShowOnTheProfileOnce() {
        String coord = coordinator("ld.ly");
        String idNumber = idNumber();
        UUID v = volunteer(coord, "劳模", idNumber);
        UUID honorId = UUID.randomUUID();
        HonorConferred honor = new HonorConferred(honorId, "may-day-model", "MUNICIPAL", true, 2016, "INDIVIDUAL",
                "劳模", personRefs.of(idNumber), "涟源钢铁", "ld.ly", "LD-2016-0042",
                OffsetDateTime.parse("2016-04-28T10:00:15+08:00"));
        UUID eventId = TestEvents.publish(honorId, honor);
        TestEvents.publish(eventId, honorId, honor);
        TestEvents.publish(UUID.randomUUID(), UUID.randomUUID(), new HonorConferred(UUID.randomUUID(),
                "may-day-model", "MUNICIPAL", true, 2016, "INDIVIDUAL", "别人", personRefs.of(idNumber()), "x",
                "ld.ly", "LD-2016-0043", OffsetDateTime.parse("2016-04-28T10:00:15+08:00")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(coord).get("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(200).body("honors.size()", equalTo(1))
                .body("honors[0].awardCode", equalTo("may-day-model"))
                .body("honors[0].certificateNo", equalTo("LD-2016-0042")));
        as(coord).get("/api/v1/volunteer/volunteers/" + v).then()
                .body("idNumberMasked", equalTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
                .body("idNumber", org.hamcrest.Matchers.nullValue());

        TestEvents.publish(honorId, new HonorRevoked(honorId, "may-day-model", "MUNICIPAL", true, 2016,
                personRefs.of(idNumber), "ld.ly", "conferred in error", OffsetDateTime.parse("2017-01-05T10:00:15+08:00")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(coord).get("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(200).body("honors.size()", equalTo(0)));
        // reading personal data leaves a trace in the audit log
        as(TestTokens.token("auditor", "ld.ly", "auditor")).get("/api/v1/volunteer/audit?size=200").then()
                .statusCode(200).body("findAll { it.action == 'volunteer.read' && it.entityId == '" + v + "' }.size()",
                        org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aVolunteerAccountRegistersAndReadsOnlyItself() {
        String org = "ld.lsj.self";
        UUID claimed = UUID.randomUUID();
        String own = TestTokens.volunteerToken("self-one", org, claimed);
        as(own).body(Map.of("name", "自助", "phone", "13900000001", "skills", List.of("first-aid")))
                .post("/api/v1/volunteer/volunteers").then().statusCode(201).body("id", equalTo(claimed.toString()))
                .body("orgCode", equalTo(org));
        as(own).body(Map.of("name", "自助", "phone", "13900000001")).post("/api/v1/volunteer/volunteers").then()
                .statusCode(409).body("type", equalTo("/problems/profile-exists"));
        as(own).body(Map.of("name", "自助二", "phone", "13900000001", "skills", List.of("driving")))
                .put("/api/v1/volunteer/volunteers/" + claimed).then().statusCode(200).body("name", equalTo("自助二"))
                .body("skills", equalTo(List.of("driving")));
        String valid = idNumber();
        String badChecksum = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        as(own).body(Map.of("name", "坏号", "phone", "13900000001", "idNumber", badChecksum))
                .put("/api/v1/volunteer/volunteers/" + claimed).then().statusCode(400)
                .body("errors[0].field", equalTo("idNumber"));

        // an account without a volunteerId claim gets a new id and finds its profile by its subject
        String unbound = TestTokens.token("self-two", org, "volunteer");
        String newId = as(unbound).body(Map.of("name", "新人", "phone", "13900000002"))
                .post("/api/v1/volunteer/volunteers").then().statusCode(201).extract().path("id");
        as(unbound).get("/api/v1/volunteer/volunteers").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(newId));
        as(unbound).get("/api/v1/volunteer/volunteers/" + newId).then().statusCode(200);
        as(unbound).get("/api/v1/volunteer/volunteers/" + claimed).then().statusCode(403)
                .body("type", equalTo("/problems/self-only"));
        as(coordinator(org)).get("/api/v1/volunteer/volunteers").then().statusCode(200).body("total", equalTo(2));
        as(TestTokens.token("clerk", org, "staff")).get("/api/v1/volunteer/volunteers").then().statusCode(403);
    }

    /** A coordinator's record of the past shift's attendance ({@code out} null: no check-out on the sheet). */
    private static void record(String token, UUID activity, UUID volunteer, String in, String out) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("volunteerId", volunteer, "checkedInAt", in,
                "reason", "sign-in sheet"));
        if (out != null) {
            body.put("checkedOutAt", out);
        }
        as(token).body(body).post("/api/v1/volunteer/activities/" + activity + "/attendance").then().statusCode(200);
    }

    private static void checkInRefused(String token, UUID activity, UUID volunteer) {
        as(token).body(Map.of("volunteerId", volunteer)).post("/api/v1/volunteer/activities/" + activity + "/checkins")
                .then().statusCode(409).body("type", equalTo("/problems/illegal-transition"));
    }
}
