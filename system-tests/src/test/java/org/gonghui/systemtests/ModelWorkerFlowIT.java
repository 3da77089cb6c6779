package org.gonghui.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.junit.jupiter.api.Test;

/**
 * Flow 1 of the cross-service issue, through the gateway only: a model-worker title recorded in honors reaches
 * welfare's registry over Kafka, a model-worker condolence application for that person is accepted, and once the title
 * is revoked a new application is refused.
 */
class ModelWorkerFlowIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void conferredModelWorkerCanBeAidedUntilTheTitleIsRevoked() {
        String admin = RunningSuite.adminToken();
        String clerk = RunningSuite.tokenFor("mw-clerk", "ld", "staff");
        String name = "劳模" + UUID.randomUUID().toString().substring(0, 6);
        String unit = "涟钢炼铁厂" + name;

        long recorded = System.nanoTime();
        RunningSuite.as(admin).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("awardCode", "model-worker-municipal", "year", 2012, "name", name,
                        "idNumber", syntheticIdNumber(), "unitName", unit, "orgCode", "ld.lsj")))
                .post("/api/v1/honors/honors/import").then().statusCode(200).body("accepted", equalTo(1));

        String[] registryId = new String[1];
        await().atMost(DEADLINE).until(() -> {
            registryId[0] = registryIdOf(clerk, name);
            return registryId[0] != null;
        });
        System.out.printf("flow 1: honor recorded -> welfare registry in %d ms%n", (System.nanoTime() - recorded) / 1_000_000);

        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        String fundId = RunningSuite.as(admin).body(Map.of("code", "mw-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "劳模慰问金 " + year, "year", year, "budgetFen", 10_000_000L, "orgCode", "ld"))
                .post("/api/v1/welfare/funds").then().statusCode(201).extract().path("id");
        Map<String, Object> application = Map.of("programCode", "model-worker-condolence", "fundId", fundId,
                "modelWorkerId", registryId[0], "amountFen", 100_000L);
        RunningSuite.as(clerk).body(application).post("/api/v1/welfare/applications").then().statusCode(201)
                .body("status", equalTo("SUBMITTED"));

        List<Map<String, Object>> honors = RunningSuite.as(admin)
                .get("/api/v1/honors/honors?year=2012&award=model-worker-municipal&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Object honorId = honors.stream().filter(h -> name.equals(h.get("name"))).findFirst().orElseThrow().get("id");
        assertNotNull(honorId);
        RunningSuite.as(admin).body(Map.of("reason", "title revoked by the federation"))
                .post("/api/v1/honors/honors/" + honorId + "/revoke").then().statusCode(200);

        await().atMost(DEADLINE).until(() -> RunningSuite.as(clerk).body(application)
                .post("/api/v1/welfare/applications").then().extract().statusCode() == 422);
    }

    /** Walks the whole registry: a suite the bench has used holds thousands of entries, sorted by name. */
    private static String registryIdOf(String token, String name) {
        for (int page = 0;; page++) {
            var body = RunningSuite.as(token).get("/api/v1/welfare/model-workers?level=MUNICIPAL&size=200&page=" + page)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> entries = body.getList("items");
            for (Map<String, Object> e : entries) {
                if (name.equals(e.get("name"))) {
                    return String.valueOf(e.get("id"));
                }
            }
            if (entries.isEmpty() || (page + 1L) * 200 >= body.getLong("total")) {
                return null;
            }
        }
    }

    private static String syntheticIdNumber() {
        Random random = new Random();
        String first17 = String.format("431302%04d%02d%02d%03d", 1950 + random.nextInt(40), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }
}
