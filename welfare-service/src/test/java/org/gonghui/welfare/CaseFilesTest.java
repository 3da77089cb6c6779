package org.gonghui.welfare;

import static org.gonghui.welfare.Fixtures.ADMIN;
import static org.gonghui.welfare.Fixtures.REVIEWER;
import static org.gonghui.welfare.Fixtures.STAFF;
import static org.gonghui.welfare.Fixtures.STAFF_LD;
import static org.gonghui.welfare.Fixtures.STAFF_XH;
import static org.gonghui.welfare.Fixtures.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.gonghui.welfare.hardship.CreditCodes;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CaseFilesTest {

    @Inject
    EntityManager em;

    @Test
    void workerCaseIsStoredMaskedAndADuplicatePersonIsRefusedWithTheExistingId() {
        String idNumber = Fixtures.idNumber();
        Map<String, Object> body = Map.of("kind", "WORKER", "name", "Wang Fang", "idNumber", idNumber, "orgCode",
                "ld.lsj.steel", "hardships", List.of("SERIOUS_ILLNESS", "LOW_INCOME"), "householdSize", 3,
                "monthlyIncomeFen", 150000, "notes", "husband in hospital");
        String id = as(STAFF).body(body).post("/api/v1/welfare/cases").then().statusCode(201)
                .body("idNumberMasked", equalTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
                .body("idNumber", nullValue()).body("status", equalTo("OPEN"))
                .body("hardships", containsInAnyOrder("SERIOUS_ILLNESS", "LOW_INCOME"))
                .extract().path("id");

        as(STAFF_LD).body(body).post("/api/v1/welfare/cases").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/duplicate-case"))
                .body("existingId", equalTo(id));

        // the raw number is nowhere in the database
        long rawCopies = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM hardship_case WHERE concat_ws('|', person_ref, id_number_masked, name, notes) LIKE ?1")
                .setParameter(1, "%" + idNumber + "%").getSingleResult()).longValue());
        assertEquals(0, rawCopies);
    }

    /** #19.4: a live file in another county is not disclosed: no id, org or name; the lookup is audited there. */
    @Test
    void aLiveFileInAnotherCountyIsReportedWithoutItsIdOrgOrNameAndTheLookupIsAudited() {
        String idNumber = Fixtures.idNumber();
        String name = "Zhao Lanying";
        String id = as(STAFF).body(Map.of("kind", "HOUSEHOLD", "name", name, "idNumber", idNumber, "orgCode",
                "ld.lsj", "hardships", List.of("LOW_INCOME"))).post("/api/v1/welfare/cases").then().statusCode(201)
                .extract().path("id");
        String answer = as(STAFF_XH).body(Map.of("kind", "WORKER", "name", "Someone", "idNumber", idNumber,
                "orgCode", "ld.xh", "hardships", List.of("UNEMPLOYED"))).post("/api/v1/welfare/cases").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/case-held-elsewhere")).body("existingId", nullValue())
                .extract().asString();
        assertFalse(answer.contains(id), answer);
        assertFalse(answer.contains("ld.lsj"), answer);
        assertFalse(answer.contains(name), answer);
        // the same for an enterprise
        String code = Fixtures.creditCode();
        String works = as(STAFF).body(Map.of("kind", "ENTERPRISE", "name", "Antimony Works", "creditCode", code,
                "orgCode", "ld.lsj", "hardships", List.of("ENTERPRISE_DIFFICULTY"))).post("/api/v1/welfare/cases")
                .then().statusCode(201).extract().path("id");
        as(STAFF_XH).body(Map.of("kind", "ENTERPRISE", "name", "x", "creditCode", code, "hardships",
                List.of("ENTERPRISE_DIFFICULTY"))).post("/api/v1/welfare/cases").then().statusCode(409)
                .body("type", equalTo("/problems/case-held-elsewhere")).body("existingId", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(works)));
        // inside the subtree (the city above the county) the clerk still gets the id of the live file
        as(STAFF_LD).body(Map.of("kind", "HOUSEHOLD", "name", name, "idNumber", idNumber, "hardships",
                List.of("LOW_INCOME"))).post("/api/v1/welfare/cases").then().statusCode(409)
                .body("type", equalTo("/problems/duplicate-case")).body("existingId", equalTo(id));
        // the refused lookup is in the owning county's audit trail, with who asked
        as(ADMIN).get("/api/v1/welfare/audit?actor=clerk-xh&size=200").then().statusCode(200)
                .body("findAll { it.entityId == '" + id + "' && it.action == 'DUPLICATE_LOOKUP' }.actor",
                        hasItem("clerk-xh"))
                .body("findAll { it.entityId == '" + id + "' && it.action == 'DUPLICATE_LOOKUP' }.orgCode",
                        hasItem("ld.lsj"));
    }

    @Test
    void identifiersAreValidated() {
        String bad = Fixtures.idNumber();
        bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1');
        as(STAFF).body(Map.of("kind", "HOUSEHOLD", "name", "Li", "idNumber", bad, "hardships", List.of("DISASTER")))
                .post("/api/v1/welfare/cases").then().statusCode(400).body("errors[0].field", equalTo("idNumber"));

        String code = Fixtures.creditCode();
        assertTrue(CreditCodes.isValid(code));
        String wrongCheck = code.substring(0, 17) + (code.charAt(17) == 'A' ? 'B' : 'A');
        assertFalse(CreditCodes.isValid(wrongCheck));
        assertTrue(CreditCodes.isValid("91350100M000100Y43"), "a published real-world code");
        as(STAFF).body(Map.of("kind", "ENTERPRISE", "name", "Lengshuijiang Antimony Works", "creditCode", wrongCheck,
                "hardships", List.of("ENTERPRISE_DIFFICULTY"))).post("/api/v1/welfare/cases").then().statusCode(400)
                .body("errors[0].field", equalTo("creditCode"));
        String enterprise = as(STAFF).body(Map.of("kind", "ENTERPRISE", "name", "Lengshuijiang Antimony Works",
                "creditCode", code, "hardships", List.of("ENTERPRISE_DIFFICULTY"))).post("/api/v1/welfare/cases")
                .then().statusCode(201).body("creditCode", equalTo(code)).extract().path("id");
        as(STAFF).body(Map.of("kind", "ENTERPRISE", "name", "Same works", "creditCode", code.toLowerCase(),
                "hardships", List.of("ENTERPRISE_DIFFICULTY"))).post("/api/v1/welfare/cases").then().statusCode(409)
                .body("existingId", equalTo(enterprise));
        as(STAFF).body(Map.of("kind", "WORKER", "name", "No id", "hardships", List.of("UNEMPLOYED")))
                .post("/api/v1/welfare/cases").then().statusCode(400);
        as(STAFF).body(Map.of("kind", "WORKER", "name", "No hardship", "idNumber", Fixtures.idNumber(),
                "hardships", List.of())).post("/api/v1/welfare/cases").then().statusCode(400)
                .body("errors[0].field", equalTo("hardships"));
    }

    @Test
    void lifecycleHistoryRolesAndAuditedReads() {
        String id = Fixtures.createCase(STAFF, "HOUSEHOLD", "ld.lsj");
        as(REVIEWER).post("/api/v1/welfare/cases/" + id + "/verify").then().statusCode(403);
        as(STAFF).post("/api/v1/welfare/cases/" + id + "/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedBy", equalTo("clerk-lsj"));
        as(STAFF).post("/api/v1/welfare/cases/" + id + "/verify").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition"));
        as(STAFF).body(Map.of("hardships", List.of("DISASTER", "LOW_INCOME"), "householdSize", 5))
                .patch("/api/v1/welfare/cases/" + id).then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("householdSize", equalTo(5)).body("hardships", containsInAnyOrder("DISASTER", "LOW_INCOME"));
        as(STAFF).body(Map.of("reason", "x")).post("/api/v1/welfare/cases/" + id + "/close").then().statusCode(403);
        as(REVIEWER).body(Map.of("reason", "found a job")).post("/api/v1/welfare/cases/" + id + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("closeReason", equalTo("found a job"));
        as(STAFF).get("/api/v1/welfare/cases/" + id + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("CREATED", "VERIFIED", "UPDATED", "CLOSED")))
                .body("[2].detail", equalTo("hardships LOW_INCOME -> DISASTER,LOW_INCOME; householdSize null -> 5"));
        as(STAFF).body(Map.of("notes", "too late")).patch("/api/v1/welfare/cases/" + id).then().statusCode(409);
        as(STAFF).body(Map.of("hardships", List.of())).patch("/api/v1/welfare/cases/" + id).then().statusCode(400);

        as(STAFF).get("/api/v1/welfare/cases/" + id).then().statusCode(200);
        as(ADMIN).get("/api/v1/welfare/audit?size=200").then().statusCode(200)
                .body("findAll { it.entityId == '" + id + "' }.action", hasItem("READ"))
                .body("findAll { it.entityId == '" + id + "' && it.action == 'READ' }.actor", hasItem("clerk-lsj"));
        // history rows cannot be changed, even by SQL
        Exception refused = null;
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE hardship_case_history SET action = 'X' WHERE case_id = ?1").setParameter(1,
                            java.util.UUID.fromString(id)).executeUpdate());
        } catch (Exception e) {
            refused = e;
        }
        assertNotNull(refused, "the append-only trigger must refuse the UPDATE");
    }

    @Test
    void casesOfAnotherCountyAreNotFound() {
        String lsj = Fixtures.createCase(STAFF, "WORKER", "ld.lsj");
        as(STAFF_XH).get("/api/v1/welfare/cases/" + lsj).then().statusCode(404)
                .contentType("application/problem+json");
        as(STAFF_XH).post("/api/v1/welfare/cases/" + lsj + "/verify").then().statusCode(404);
        as(STAFF_XH).get("/api/v1/welfare/cases?size=200").then().statusCode(200)
                .body("items.orgCode", not(hasItem(matchesPattern("ld\\.lsj.*"))));
        as(STAFF_LD).get("/api/v1/welfare/cases/" + lsj).then().statusCode(200);
        as(STAFF).body(Map.of("kind", "WORKER", "name", "Out of scope", "idNumber", Fixtures.idNumber(),
                "orgCode", "ld.xh", "hardships", List.of("LOW_INCOME"))).post("/api/v1/welfare/cases").then()
                .statusCode(403).body("type", equalTo("/problems/org-out-of-scope"));
    }

    @Test
    void programCatalogIsSeeded() {
        as(REVIEWER).get("/api/v1/welfare/programs").then().statusCode(200)
                .body("code", containsInAnyOrder("condolence-visit", "student-aid", "model-worker-condolence",
                        "model-worker-living-subsidy", "model-worker-special-hardship", "train-ticket",
                        "community-aid", "medical-mutual-aid", "female-special-disease", "job-training"))
                .body("find { it.code == 'student-aid' }.maxTimesPerYear", equalTo(1))
                .body("find { it.code == 'student-aid' }.kind", equalTo("GRANT"))
                .body("find { it.code == 'job-training' }.kind", equalTo("ENROLMENT"))
                .body("find { it.code == 'model-worker-living-subsidy' }.requiresModelWorker", equalTo(true));
        io.restassured.RestAssured.given().get("/api/v1/welfare/programs").then().statusCode(401);
    }
}
