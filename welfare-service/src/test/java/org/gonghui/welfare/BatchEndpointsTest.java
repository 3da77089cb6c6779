package org.gonghui.welfare;

import static org.gonghui.welfare.Fixtures.CLERK_AND_REVIEWER;
import static org.gonghui.welfare.Fixtures.FINANCE;
import static org.gonghui.welfare.Fixtures.REVIEWER;
import static org.gonghui.welfare.Fixtures.REVIEWER_B;
import static org.gonghui.welfare.Fixtures.STAFF;
import static org.gonghui.welfare.Fixtures.as;
import static org.gonghui.welfare.Fixtures.fundField;
import static org.gonghui.welfare.Fixtures.key;
import static org.gonghui.welfare.Fixtures.verifiedCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The batch endpoints: the single-item rules per item, all or nothing, idempotent submission and payout. */
@QuarkusTest
class BatchEndpointsTest {

    @Test
    void aBatchIsSubmittedApprovedByTwoReviewersAboveTheThresholdAndPaidOnce() {
        String fund = Fixtures.createFund("ld.lsj", 2031, 10_000_000L);
        String a = verifiedCase("HOUSEHOLD", "ld.lsj");
        String b = verifiedCase("WORKER", "ld.lsj");
        List<Map<String, Object>> items = List.of(grant(fund, a, 200_000L), grant(fund, b, 300_000L),
                grant(fund, b, 600_000L)); // the last is above condolence-visit's 5,000-yuan threshold
        String submitKey = key();
        List<String> ids = as(STAFF).header("Idempotency-Key", submitKey).body(Map.of("items", items))
                .post("/api/v1/welfare/applications/batch").then().statusCode(200)
                .body("items.status", everyItem(equalTo("SUBMITTED"))).extract().path("items.id");
        assertEquals(3, ids.size());
        // the same key and body answer the first result: nothing is submitted twice
        as(STAFF).header("Idempotency-Key", submitKey).body(Map.of("items", items))
                .post("/api/v1/welfare/applications/batch").then().statusCode(200).body("items.id", equalTo(ids));

        as(REVIEWER).body(Map.of("ids", ids)).post("/api/v1/welfare/applications/batch/approve").then()
                .statusCode(200).body("items.status", equalTo(List.of("APPROVED", "APPROVED", "SUBMITTED")));
        as(REVIEWER).body(Map.of("ids", List.of(ids.get(2)))).post("/api/v1/welfare/applications/batch/approve")
                .then().statusCode(409).body("item", equalTo(0));
        as(REVIEWER_B).body(Map.of("ids", List.of(ids.get(2)))).post("/api/v1/welfare/applications/batch/approve")
                .then().statusCode(200).body("items[0].status", equalTo("APPROVED"));

        as(FINANCE).body(Map.of("ids", ids)).post("/api/v1/welfare/applications/batch/pay").then().statusCode(400);
        String payKey = key();
        as(FINANCE).header("Idempotency-Key", payKey).body(Map.of("ids", ids))
                .post("/api/v1/welfare/applications/batch/pay").then().statusCode(200)
                .body("items.status", everyItem(equalTo("PAID")));
        as(FINANCE).header("Idempotency-Key", payKey).body(Map.of("ids", ids))
                .post("/api/v1/welfare/applications/batch/pay").then().statusCode(200);
        assertEquals(1_100_000L, fundField(fund, "paidFen"));
        assertEquals(0L, fundField(fund, "committedFen"));
        // another key cannot pay them again
        as(FINANCE).header("Idempotency-Key", key()).body(Map.of("ids", List.of(ids.get(0))))
                .post("/api/v1/welfare/applications/batch/pay").then().statusCode(409);
    }

    @Test
    void oneRefusedItemKeepsNothingOfTheBatchAndNamesTheItem() {
        String fund = Fixtures.createFund("ld.lsj", 2031, 10_000_000L);
        String household = verifiedCase("HOUSEHOLD", "ld.lsj");
        String enterprise = verifiedCase("ENTERPRISE", "ld.lsj");
        long before = count();
        as(STAFF).body(Map.of("items", List.of(
                Map.of("programCode", "student-aid", "fundId", fund, "caseId", household, "amountFen", 200_000L),
                Map.of("programCode", "student-aid", "fundId", fund, "caseId", enterprise, "amountFen", 200_000L))))
                .post("/api/v1/welfare/applications/batch").then().statusCode(422)
                .contentType("application/problem+json").body("item", equalTo(1));
        assertEquals(before, count(), "the valid first item was rolled back with the batch");

        // four-eyes per item: a clerk who is also a reviewer cannot approve the batch it submitted
        List<String> ids = as(CLERK_AND_REVIEWER).body(Map.of("items", List.of(grant(fund, household, 100_000L))))
                .post("/api/v1/welfare/applications/batch").then().statusCode(200).extract().path("items.id");
        as(CLERK_AND_REVIEWER).body(Map.of("ids", ids)).post("/api/v1/welfare/applications/batch/approve").then()
                .statusCode(409).body("item", equalTo(0));
        as(STAFF).body(Map.of("items", List.of())).post("/api/v1/welfare/applications/batch").then().statusCode(400);
    }

    @Test
    void caseFilesAreOpenedAndVerifiedInBatchesAndADuplicateKeepsNothing() {
        String id1 = Fixtures.idNumber();
        String id2 = Fixtures.idNumber();
        List<Map<String, Object>> files = List.of(
                Map.of("kind", "WORKER", "name", "批量一", "idNumber", id1, "orgCode", "ld.lsj",
                        "hardships", List.of("LOW_INCOME")),
                Map.of("kind", "HOUSEHOLD", "name", "批量二", "idNumber", id2, "orgCode", "ld.lsj",
                        "hardships", List.of("SERIOUS_ILLNESS"), "householdSize", 4));
        List<String> ids = as(STAFF).body(Map.of("items", files)).post("/api/v1/welfare/cases/batch").then()
                .statusCode(200).body("items.status", everyItem(equalTo("OPEN")))
                .body("items[0].idNumberMasked", equalTo(id1.substring(0, 4) + "**********" + id1.substring(14)))
                .extract().path("items.id");
        as(STAFF).body(Map.of("ids", ids, "note", "入户核实")).post("/api/v1/welfare/cases/batch/verify").then()
                .statusCode(200).body("items.status", everyItem(equalTo("VERIFIED")));
        // verified twice: the second batch is refused as a whole
        as(STAFF).body(Map.of("ids", ids)).post("/api/v1/welfare/cases/batch/verify").then().statusCode(409)
                .body("item", equalTo(0));

        String id3 = Fixtures.idNumber();
        as(STAFF).body(Map.of("items", List.of(
                Map.of("kind", "WORKER", "name", "批量三", "idNumber", id3, "orgCode", "ld.lsj",
                        "hardships", List.of("LOW_INCOME")),
                files.get(1)))).post("/api/v1/welfare/cases/batch").then().statusCode(409)
                .body("item", equalTo(1)).body("existingId", equalTo(ids.get(1)));
        // the first, valid file of the refused batch was not kept: it can be opened now
        as(STAFF).body(Map.of("kind", "WORKER", "name", "批量三", "idNumber", id3, "orgCode", "ld.lsj",
                "hardships", List.of("LOW_INCOME"))).post("/api/v1/welfare/cases").then().statusCode(201);
        // a county clerk cannot file for another county
        as(STAFF).body(Map.of("items", List.of(Map.of("kind", "WORKER", "name", "越权", "idNumber",
                Fixtures.idNumber(), "orgCode", "ld.xh", "hardships", List.of("LOW_INCOME")))))
                .post("/api/v1/welfare/cases/batch").then().statusCode(403).body("item", equalTo(0));
    }

    private static long count() {
        return ((Number) as(STAFF).get("/api/v1/welfare/applications?year=2031&size=1").then().statusCode(200)
                .extract().path("total")).longValue();
    }

    private static Map<String, Object> grant(String fund, String caseId, long amountFen) {
        return Map.of("programCode", "condolence-visit", "fundId", fund, "caseId", caseId, "amountFen", amountFen);
    }
}
