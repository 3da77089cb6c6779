package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.gonghui.honors.Fixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET one honor: any role may read, only within its org subtree (404 outside), ID numbers masked. */
@QuarkusTest
class HonorReadTest {

    private static final String HONORS = "/api/v1/honors/honors";

    @Test
    void oneHonorIsReadableInsideTheSubtreeOnlyAndMasked() {
        int year = 1983; // imports only take past years; no other test imports this one
        String idNumber = newIdNumber();
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON)
                .body(List.of(Map.of("awardCode", "model-worker-municipal", "year", year, "name", "王师傅",
                        "idNumber", idNumber, "unitName", "冷水江锑矿", "orgCode", "ld.lsj.steel"),
                        Map.of("awardCode", "model-worker-municipal", "year", year, "name", "刘师傅",
                                "unitName", "涟源煤矿", "orgCode", "ld.ly")))
                .post(HONORS + "/import").then().statusCode(200).body("accepted", equalTo(2));
        String lsjHonor = given().auth().oauth2(ADMIN_LD).get(HONORS + "?year=" + year + "&orgCode=ld.lsj")
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");
        String lyHonor = given().auth().oauth2(ADMIN_LD).get(HONORS + "?year=" + year + "&orgCode=ld.ly")
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");

        String masked = idNumber.substring(0, 4) + "**********" + idNumber.substring(14);
        // a staff member of ld.lsj reads a record of its sub-org; the ID number only masked
        given().auth().oauth2(STAFF_LSJ).get(HONORS + "/" + lsjHonor).then().statusCode(200)
                .body("id", equalTo(lsjHonor)).body("name", equalTo("王师傅")).body("year", equalTo(year))
                .body("awardCode", equalTo("model-worker-municipal")).body("orgCode", equalTo("ld.lsj.steel"))
                .body("idNumberMasked", equalTo(masked)).body("source", equalTo("IMPORT"))
                .body("revoked", equalTo(false)).body(not(containsString(idNumber)));
        // ... and that read of personal data is in the audit trail
        given().auth().oauth2(AUDITOR_LD).get("/api/v1/honors/audit?size=200").then().statusCode(200)
                .body("findAll { it.action == 'honor.read' }.entityId", hasItem(lsjHonor));

        // another county's honor answers exactly like an absent one
        given().auth().oauth2(STAFF_LSJ).get(HONORS + "/" + lyHonor).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(STAFF_LSJ).get(HONORS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(REVIEWER_LX).get(HONORS + "/" + lsjHonor).then().statusCode(404);
        // the municipal union sees every county; every role may read, as for the list
        given().auth().oauth2(AUDITOR_LD).get(HONORS + "/" + lyHonor).then().statusCode(200)
                .body("name", equalTo("刘师傅"));

        // a revoked honor stays readable, marked revoked
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("reason", "称号撤销测试"))
                .post(HONORS + "/" + lyHonor + "/revoke").then().statusCode(200);
        given().auth().oauth2(ADMIN_LD).get(HONORS + "/" + lyHonor).then().statusCode(200)
                .body("revoked", equalTo(true)).body("revokeReason", equalTo("称号撤销测试"));
    }

    @Test
    void cachedPublicRollShowsEveryCommittedChangeAtOnce() {
        String roll = "/api/v1/honors/roll?year=1984&award=loudi-craftsman";
        given().get(roll).then().statusCode(200).body("total", equalTo(0));
        given().get(roll).then().statusCode(200).body("total", equalTo(0)); // now served from the cache
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON)
                .body(List.of(Map.of("awardCode", "loudi-craftsman", "year", 1984, "name", "赵工匠",
                        "unitName", "华菱涟钢", "orgCode", "ld.lsj")))
                .post(HONORS + "/import").then().statusCode(200).body("accepted", equalTo(1));
        given().get(roll).then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("赵工匠"));
        String id = given().auth().oauth2(ADMIN_LD).get(HONORS + "?year=1984&award=loudi-craftsman").then()
                .statusCode(200).extract().path("items[0].id");
        given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(Map.of("reason", "撤销"))
                .post(HONORS + "/" + id + "/revoke").then().statusCode(200);
        given().get(roll).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badIdsAndMissingTokensAreProblemsNotServerErrors() {
        given().auth().oauth2(STAFF_LD).get(HONORS + "/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(HONORS + "/" + UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
