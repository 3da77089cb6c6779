package org.gonghui.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Flow 3 of the cross-service issue, through the gateway only: a volunteer visit is completed (activity-completed
 * reaches welfare over Kafka), a community-aid grant handed over on that visit is submitted with its
 * {@code activityId}, approved by a second person and paid, and the aid-paid event shows the amount on the activity
 * ({@code aidDeliveredFen}) and in the volunteer stats of the fund's year.
 */
class AidOnVisitFlowIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ORG = "ld";
    private static final long AMOUNT_FEN = 50_000L; // 500 yuan: below community-aid's second-approval threshold

    private final Random random = new Random();

    @Test
    void aidPaidOnAVisitShowsOnTheActivityAndInVolunteerStats() {
        String admin = RunningSuite.adminToken();
        String coordinator = RunningSuite.tokenFor("aid-coordinator", ORG, "coordinator");
        String clerk = RunningSuite.tokenFor("aid-clerk", ORG, "staff");
        String reviewer = RunningSuite.tokenFor("aid-reviewer", ORG, "reviewer");
        String finance = RunningSuite.tokenFor("aid-finance", ORG, "finance");
        String run = UUID.randomUUID().toString().substring(0, 6);
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

        // the visit: a shift that ended an hour ago, its attendance entered by the coordinator, then completed
        String communityId = RunningSuite.as(coordinator).body(Map.of("name", "黄泥塘社区 " + run, "orgCode", ORG,
                "address", "娄底市娄星区黄泥塘"))
                .post("/api/v1/volunteer/communities").then().statusCode(201).extract().path("id");
        String volunteerId = RunningSuite.as(coordinator).body(Map.of("name", "探访员" + run, "phone", "13900139000",
                "orgCode", ORG, "skills", List.of("visiting")))
                .post("/api/v1/volunteer/volunteers").then().statusCode(201).extract().path("id");
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime endsAt = startsAt.plusHours(2);
        String activityId = RunningSuite.as(coordinator).body(Map.of("title", "困难职工慰问 " + run,
                "kind", "CONDOLENCE_VISIT", "communityId", communityId, "startsAt", startsAt.toString(),
                "endsAt", endsAt.toString(), "capacity", 3, "orgCode", ORG))
                .post("/api/v1/volunteer/activities").then().statusCode(201).extract().path("id");
        RunningSuite.as(coordinator).body(Map.of("volunteerId", volunteerId, "checkedInAt", startsAt.toString(),
                "checkedOutAt", endsAt.toString(), "reason", "sign-in sheet"))
                .post("/api/v1/volunteer/activities/" + activityId + "/attendance").then().statusCode(200);
        RunningSuite.as(coordinator).body(Map.of()).post("/api/v1/volunteer/activities/" + activityId + "/complete")
                .then().statusCode(200).body("[0].minutes", equalTo(120));
        long completed = System.nanoTime();

        // welfare: a fund of this year, a verified hardship case, and an application linked to the visit
        String fundId = RunningSuite.as(admin).body(Map.of("code", "ca-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "社区帮扶 " + year + " " + run, "year", year, "budgetFen", 1_000_000L, "orgCode", ORG))
                .post("/api/v1/welfare/funds").then().statusCode(201).extract().path("id");
        String caseId = RunningSuite.as(clerk).body(Map.of("kind", "HOUSEHOLD", "name", "困难户" + run,
                "idNumber", syntheticIdNumber(), "orgCode", ORG, "hardships", List.of("LOW_INCOME"),
                "householdSize", 3, "monthlyIncomeFen", 150_000L))
                .post("/api/v1/welfare/cases").then().statusCode(201).extract().path("id");
        RunningSuite.as(clerk).body(Map.of("note", "入户核实")).post("/api/v1/welfare/cases/" + caseId + "/verify")
                .then().statusCode(200);

        Map<String, Object> application = Map.of("programCode", "community-aid", "fundId", fundId, "caseId", caseId,
                "amountFen", AMOUNT_FEN, "activityId", activityId);
        String[] applicationId = new String[1];
        // welfare accepts the activityId once the activity-completed event has arrived (422 unknown-activity before)
        await().atMost(DEADLINE).until(() -> {
            Response r = RunningSuite.as(clerk).body(application).post("/api/v1/welfare/applications");
            if (r.statusCode() == 422) {
                assertEquals("/problems/unknown-activity", r.jsonPath().getString("type"), () -> r.asString());
                return false;
            }
            assertEquals(201, r.statusCode(), () -> r.asString());
            applicationId[0] = r.jsonPath().getString("id");
            return true;
        });
        System.out.printf("flow 3: activity completed -> known to welfare in %d ms%n",
                (System.nanoTime() - completed) / 1_000_000);

        long aidBefore = RunningSuite.as(admin).get("/api/v1/volunteer/stats?year=" + year).then().statusCode(200)
                .extract().jsonPath().getLong("aidDeliveredFen");

        RunningSuite.as(reviewer).body(Map.of()).post("/api/v1/welfare/applications/" + applicationId[0] + "/approve")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        RunningSuite.as(finance).header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of())
                .post("/api/v1/welfare/applications/" + applicationId[0] + "/pay").then().statusCode(200)
                .body("status", equalTo("PAID"));
        long paid = System.nanoTime();

        await().atMost(DEADLINE).until(() -> RunningSuite.as(coordinator).get("/api/v1/volunteer/activities/" + activityId)
                .then().statusCode(200).extract().jsonPath().getLong("aidDeliveredFen") == AMOUNT_FEN);
        System.out.printf("flow 3: aid paid -> shown on the volunteer activity in %d ms%n",
                (System.nanoTime() - paid) / 1_000_000);
        // other runs may pay aid meanwhile, so the stats grow by at least this payment
        await().atMost(DEADLINE).until(() -> RunningSuite.as(admin).get("/api/v1/volunteer/stats?year=" + year)
                .then().statusCode(200).extract().jsonPath().getLong("aidDeliveredFen") >= aidBefore + AMOUNT_FEN);
        System.out.printf("flow 3: aid paid -> in volunteer stats %d in %d ms%n", year,
                (System.nanoTime() - paid) / 1_000_000);
    }

    private String syntheticIdNumber() {
        String first17 = String.format("431302%04d%02d%02d%03d", 1960 + random.nextInt(40), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }
}
