package org.gonghui.welfare;

import static org.awaitility.Awaitility.await;
import static org.gonghui.welfare.Fixtures.FINANCE;
import static org.gonghui.welfare.Fixtures.REVIEWER;
import static org.gonghui.welfare.Fixtures.STAFF;
import static org.gonghui.welfare.Fixtures.STAFF_XH;
import static org.gonghui.welfare.Fixtures.as;
import static org.gonghui.welfare.Fixtures.fundField;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.contracts.volunteer.ActivityCompleted;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.testing.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Events in (honors, volunteer) and their effects: the model-worker registry and activity links. */
@QuarkusTest
class EventsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    PersonRefs personRefs;

    @Inject
    EntityManager em;

    private HonorConferred honor(String personRef, String level, boolean modelWorker, String org) {
        return new HonorConferred(UUID.randomUUID(), "hunan-model-worker", level, modelWorker, 2015, "INDIVIDUAL",
                "Model Worker " + personRef.substring(0, 6), personRef, "Lianyuan Steel", org, "HN-2015-001",
                OffsetDateTime.now());
    }

    private long registryEntries(UUID honorId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM model_worker WHERE honor_id = ?1").setParameter(1, honorId).getSingleResult())
                .longValue());
    }

    private String awaitModelWorkerId(String personRef) {
        return await().atMost(DEADLINE).until(() -> as(STAFF).get("/api/v1/welfare/model-workers?size=200").then()
                .statusCode(200).extract().<String>path("items.find { it.personRef == '" + personRef + "' }.id"),
                id -> id != null);
    }

    @Test
    void replayedHonorEventsMakeOneRegistryEntryAndOnlyModelWorkersCount() {
        String personRef = personRefs.of(Fixtures.idNumber());
        HonorConferred conferred = honor(personRef, "PROVINCIAL", true, "ld.lsj");
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(eventId, conferred.honorId(), conferred);
        TestEvents.publish(eventId, conferred.honorId(), conferred); // duplicate delivery
        TestEvents.publish(conferred.honorId(), conferred); // republished with a new event id
        HonorConferred notModelWorker = honor(personRefs.of(Fixtures.idNumber()), "MUNICIPAL", false, "ld.lsj");
        TestEvents.publish(notModelWorker.honorId(), notModelWorker);
        // a marker published last: once it is in, the earlier events on its partition were handled
        HonorConferred marker = honor(personRefs.of(Fixtures.idNumber()), "MUNICIPAL", true, "ld.lsj");
        TestEvents.publish(marker.honorId(), marker);

        awaitModelWorkerId(personRef);
        await().atMost(DEADLINE).until(() -> registryEntries(marker.honorId()) == 1);
        await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM inbox WHERE event_type = ?1")
                .setParameter(1, EventType.HONOR_CONFERRED.type()).getSingleResult()).longValue() >= 4));
        assertEquals(1, registryEntries(conferred.honorId()));
        assertEquals(0, registryEntries(notModelWorker.honorId()));
        as(STAFF).get("/api/v1/welfare/model-workers?level=PROVINCIAL&size=200").then().statusCode(200)
                .body("items.find { it.personRef == '" + personRef + "' }.level", equalTo("PROVINCIAL"))
                .body("items.find { it.personRef == '" + personRef + "' }.sinceYear", equalTo(2015));
        as(STAFF_XH).get("/api/v1/welfare/model-workers?size=200").then().statusCode(200)
                .body("items.personRef", not(hasItem(personRef)));
        as(STAFF).get("/api/v1/welfare/model-workers?level=COUNTY").then().statusCode(400);
    }

    @Test
    void modelWorkerProgramsCheckTheRegistryAndARevocationBlocksPendingApplications() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 5_000_000L);
        String personRef = personRefs.of(Fixtures.idNumber());
        HonorConferred provincial = honor(personRef, "PROVINCIAL", true, "ld.lsj");
        TestEvents.publish(provincial.honorId(), provincial);
        String municipalRef = personRefs.of(Fixtures.idNumber());
        HonorConferred municipal = honor(municipalRef, "MUNICIPAL", true, "ld.lsj");
        TestEvents.publish(municipal.honorId(), municipal);
        String mw = awaitModelWorkerId(personRef);
        String municipalMw = awaitModelWorkerId(municipalRef);

        // the living subsidy is for national and provincial model workers only
        as(STAFF).body(Map.of("programCode", "model-worker-living-subsidy", "fundId", fund, "modelWorkerId",
                municipalMw, "amountFen", 100_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/ineligible"));
        as(STAFF).body(Map.of("programCode", "model-worker-condolence", "fundId", fund, "caseId",
                Fixtures.createCase(STAFF, "WORKER", "ld.lsj"), "amountFen", 100_000))
                .post("/api/v1/welfare/applications").then().statusCode(400);

        String approved = as(STAFF).body(Map.of("programCode", "model-worker-condolence", "fundId", fund,
                "modelWorkerId", mw, "amountFen", 100_000)).post("/api/v1/welfare/applications").then().statusCode(201)
                .body("modelWorkerLevel", equalTo("PROVINCIAL")).extract().path("id");
        as(REVIEWER).post("/api/v1/welfare/applications/" + approved + "/approve").then().statusCode(200);
        // the municipal model worker gets a condolence payment, counted by level in the stats
        String paid = as(STAFF).body(Map.of("programCode", "model-worker-condolence", "fundId", fund,
                "modelWorkerId", municipalMw, "amountFen", 80_000)).post("/api/v1/welfare/applications").then()
                .statusCode(201).extract().path("id");
        as(REVIEWER).post("/api/v1/welfare/applications/" + paid + "/approve").then().statusCode(200);
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + paid + "/pay")
                .then().statusCode(200);
        as(Fixtures.STAFF).get("/api/v1/welfare/stats?year=2030").then().statusCode(200)
                .body("modelWorkerCondolence.municipal", equalTo(1))
                .body("modelWorkerCondolence.amountFen", equalTo(80_000));
        String pending = as(STAFF).body(Map.of("programCode", "model-worker-special-hardship", "fundId", fund,
                "modelWorkerId", mw, "amountFen", 50_000)).post("/api/v1/welfare/applications").then().statusCode(201)
                .extract().path("id");
        assertEquals(100_000L, fundField(fund, "committedFen"));

        TestEvents.publish(provincial.honorId(), new HonorRevoked(provincial.honorId(), provincial.awardCode(),
                "PROVINCIAL", true, 2015, personRef, "ld.lsj", "fraud found", OffsetDateTime.now()));
        for (String id : List.of(approved, pending)) {
            await().atMost(DEADLINE).until(() -> "BLOCKED".equals(as(STAFF).get("/api/v1/welfare/applications/" + id)
                    .then().statusCode(200).extract().path("status")));
        }
        assertEquals(0L, fundField(fund, "committedFen"), "the blocked approval released its commitment");
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + approved + "/pay")
                .then().statusCode(409);
        as(STAFF).body(Map.of("programCode", "model-worker-condolence", "fundId", fund, "modelWorkerId", mw,
                "amountFen", 100_000)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/model-worker-revoked"));
        as(STAFF).get("/api/v1/welfare/model-workers?size=200").then().body("items.personRef", not(hasItem(personRef)));
    }

    /** #19.5: another county's activity answers exactly as an unknown one; a city-wide activity may be linked. */
    @Test
    void aidCannotBeLinkedToAnotherCountysActivity() {
        String fund = Fixtures.createFund("ld.lsj", 2030, 1_000_000L);
        String caseId = Fixtures.verifiedCase("HOUSEHOLD", "ld.lsj");
        ActivityCompleted xinhua = activity("ld.xh");
        ActivityCompleted city = activity("ld");
        TestEvents.publish(xinhua.activityId(), xinhua);
        TestEvents.publish(city.activityId(), city);
        for (UUID id : List.of(xinhua.activityId(), city.activityId())) {
            await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("SELECT count(*) FROM volunteer_activity WHERE activity_id = ?1")
                    .setParameter(1, id).getSingleResult()).longValue() == 1));
        }
        UUID unknown = UUID.randomUUID();
        String absent = as(STAFF).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", caseId,
                "amountFen", 40_000, "activityId", unknown)).post("/api/v1/welfare/applications").then()
                .statusCode(422).extract().asString();
        String foreign = as(STAFF).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", caseId,
                "amountFen", 40_000, "activityId", xinhua.activityId())).post("/api/v1/welfare/applications").then()
                .statusCode(422).body("type", equalTo("/problems/unknown-activity")).extract().asString();
        assertEquals(absent.replace(unknown.toString(), "ID"), foreign.replace(xinhua.activityId().toString(), "ID"),
                "another county's activity must look absent");
        as(STAFF).body(Map.of("programCode", "community-aid", "fundId", fund, "caseId", caseId, "amountFen", 40_000,
                "activityId", city.activityId())).post("/api/v1/welfare/applications").then().statusCode(201);
    }

    private static ActivityCompleted activity(String org) {
        return new ActivityCompleted(UUID.randomUUID(), "Community visit " + org, "CONDOLENCE_VISIT",
                UUID.randomUUID(), null, org, OffsetDateTime.now().minusHours(3), OffsetDateTime.now().minusHours(1),
                4, 480, OffsetDateTime.now());
    }

    @Test
    void aidCanBeLinkedOnlyToAKnownVolunteerActivityAndTheLinkTravelsOnAidPaid() throws Exception {
        String fund = Fixtures.createFund("ld.lsj", 2030, 1_000_000L);
        String caseId = Fixtures.verifiedCase("HOUSEHOLD", "ld.lsj");
        UUID unknown = UUID.randomUUID();
        as(STAFF).body(Map.of("programCode", "condolence-visit", "fundId", fund, "caseId", caseId, "amountFen", 50_000,
                "activityId", unknown)).post("/api/v1/welfare/applications").then().statusCode(422)
                .body("type", equalTo("/problems/unknown-activity"));

        ActivityCompleted visit = new ActivityCompleted(UUID.randomUUID(), "Spring Festival visit", "CONDOLENCE_VISIT",
                UUID.randomUUID(), null, "ld.lsj", OffsetDateTime.now().minusHours(3), OffsetDateTime.now().minusHours(1),
                4, 480, OffsetDateTime.now());
        TestEvents.publish(visit.activityId(), visit);
        String app = await().atMost(DEADLINE).until(() -> as(STAFF).body(Map.of("programCode", "condolence-visit",
                "fundId", fund, "caseId", caseId, "amountFen", 50_000, "activityId", visit.activityId()))
                .post("/api/v1/welfare/applications").then().extract().<String>path("id"), id -> id != null);
        as(REVIEWER).post("/api/v1/welfare/applications/" + app + "/approve").then().statusCode(200);
        as(FINANCE).header("Idempotency-Key", Fixtures.key()).post("/api/v1/welfare/applications/" + app + "/pay")
                .then().statusCode(200).body("status", equalTo("PAID"))
                .body("activityId", equalTo(visit.activityId().toString()));
        ConsumerRecord<String, String> event = TestEvents.awaitRecord(Topics.WELFARE, r -> app.equals(r.key()), DEADLINE);
        TestEvents.assertMatchesSchema(EventType.AID_PAID, event.value());
        assertEquals(visit.activityId().toString(),
                new ObjectMapper().readTree(event.value()).get("activityId").asText());
    }
}
