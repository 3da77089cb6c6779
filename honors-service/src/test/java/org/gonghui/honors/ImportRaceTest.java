package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.gonghui.honors.Fixtures.ADMIN_LD;
import static org.gonghui.honors.Fixtures.newIdNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Imports racing for the same holding: only the duplicate line is refused, never the batch (#29.1). */
@QuarkusTest
class ImportRaceTest {

    private static final int BATCHES = 8;

    @Inject
    EntityManager em;

    @Test
    void parallelImportsSharingOneRowKeepEveryValidRow() throws Exception {
        String shared = newIdNumber();
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            unique.add(newIdNumber());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(BATCHES);
        List<Response> responses = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                List<Map<String, Object>> rows = List.of(row("共享劳模", shared), row("独有劳模" + i, unique.get(i)));
                calls.add(() -> {
                    start.await();
                    return given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON)
                            .header("Idempotency-Key", "race-" + UUID.randomUUID()).body(rows)
                            .post("/api/v1/honors/honors/import");
                });
            }
            List<Future<Response>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int winners = 0;
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            int accepted = r.path("accepted");
            if (accepted == 2) {
                winners++;
                assertEquals(0, (int) r.path("rejected"), r.asString());
            } else {
                // the shared row (line 1) is the only one refused, with its line
                assertEquals(1, accepted, r.asString());
                assertEquals(List.of(1), r.path("errors.line"), r.asString());
                assertEquals(true, r.<String> path("errors[0].message").contains("already holds"), r.asString());
            }
        }
        assertEquals(1, winners, "exactly one batch stores the shared row");

        // every unique row and the shared one exist once, each with exactly one honor-conferred event
        List<String> refs = new ArrayList<>(unique);
        refs.add(shared);
        for (String idNumber : refs) {
            String masked = idNumber.substring(0, 4) + "**********" + idNumber.substring(14);
            long[] counts = QuarkusTransaction.requiringNew().call(() -> {
                List<?> ids = em.createNativeQuery("SELECT CAST(id AS text) FROM honor WHERE award_code = "
                        + "'hunan-craftsman' AND year = 1990 AND id_number_masked = ?1").setParameter(1, masked)
                        .getResultList();
                long events = ids.isEmpty() ? 0 : ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = ?1").setParameter(1, ids.get(0))
                        .getSingleResult()).longValue();
                return new long[] { ids.size(), events };
            });
            assertEquals(1, counts[0], "honors of " + masked);
            assertEquals(1, counts[1], "honor-conferred events of " + masked);
        }
    }

    private static Map<String, Object> row(String name, String idNumber) {
        return Map.of("awardCode", "hunan-craftsman", "year", 1990, "name", name, "idNumber", idNumber,
                "unitName", "娄底单位", "orgCode", "ld.ly");
    }
}
