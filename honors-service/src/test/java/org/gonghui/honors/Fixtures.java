package org.gonghui.honors;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.testing.TestTokens;

import io.restassured.http.ContentType;

/** Tokens of the usual actors, valid synthetic resident IDs and request helpers shared by the tests. */
final class Fixtures {

    static final String ADMIN_LD = TestTokens.token("admin-ld", "ld", "admin");
    static final String ADMIN_LSJ = TestTokens.token("admin-lsj", "ld.lsj", "admin");
    static final String ADMIN_LX = TestTokens.token("admin-lx", "ld.lx", "admin");
    static final String STAFF_LD = TestTokens.token("clerk-ld", "ld", "staff");
    static final String STAFF_LSJ = TestTokens.token("clerk-lsj", "ld.lsj", "staff");
    static final String STAFF_LX = TestTokens.token("clerk-lx", "ld.lx", "staff");
    static final String STAFF_SF = TestTokens.token("clerk-sf", "ld.sf", "staff");
    static final String REVIEWER_LSJ = TestTokens.token("reviewer-lsj", "ld.lsj", "reviewer");
    static final String REVIEWER_LX = TestTokens.token("reviewer-lx", "ld.lx", "reviewer");
    static final String REVIEWER_SF = TestTokens.token("reviewer-sf", "ld.sf", "reviewer");
    static final String REVIEWER_XH = TestTokens.token("reviewer-xh", "ld.xh", "reviewer");
    static final String STAFF_XH = TestTokens.token("clerk-xh", "ld.xh", "staff");
    static final String AUDITOR_LD = TestTokens.token("auditor-ld", "ld", "auditor");

    private static final AtomicInteger PERSON = new AtomicInteger();
    private static final AtomicInteger YEAR = new AtomicInteger(2100);

    private Fixtures() {
    }

    /** A valid, never-repeated 18-character resident ID number (birth dates from 1950 on). */
    static String newIdNumber() {
        int n = PERSON.incrementAndGet();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n / 900);
        String first17 = "431302" + birth.toString().replace("-", "") + String.format("%03d", n % 900 + 100);
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }

    /** A campaign year no other test uses, so every test owns its campaigns. */
    static int freshYear() {
        return YEAR.incrementAndGet();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static String createCampaign(String awardCode, int year, int quota, Map<String, Integer> orgQuotas) {
        Map<String, Object> body = new HashMap<>();
        body.put("awardCode", awardCode);
        body.put("year", year);
        body.put("quota", quota);
        body.put("orgQuotas", orgQuotas);
        body.put("nominationOpens", today().minusDays(1).toString());
        body.put("nominationCloses", today().plusDays(30).toString());
        body.put("noticeDays", 7);
        return given().auth().oauth2(ADMIN_LD).contentType(ContentType.JSON).body(body)
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> individual(String campaignId, String name, String idNumber, String orgCode) {
        return Map.of("campaignId", campaignId, "justification", "二十年扎根一线，技术革新三项",
                "nominee", Map.of("kind", "INDIVIDUAL", "name", name, "idNumber", idNumber, "unitName",
                        "涟钢炼铁厂", "orgCode", orgCode));
    }

    /** Drafts a nomination as {@code staffToken}; returns its id. */
    static String draft(String staffToken, Map<String, Object> body) {
        return given().auth().oauth2(staffToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/honors/nominations").then().statusCode(201).extract().path("id");
    }

    static String draftAndSubmit(String staffToken, Map<String, Object> body) {
        String id = draft(staffToken, body);
        given().auth().oauth2(staffToken).post("/api/v1/honors/nominations/" + id + "/submit").then().statusCode(200);
        return id;
    }

    static void score(String reviewerToken, String nominationId, int score) {
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON)
                .body(Map.of("score", score, "comment", "事迹突出")).post("/api/v1/honors/nominations/" + nominationId
                        + "/scores").then().statusCode(201);
    }
}
