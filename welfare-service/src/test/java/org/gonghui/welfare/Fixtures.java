package org.gonghui.welfare;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.testing.TestTokens;

import io.restassured.specification.RequestSpecification;

/** Test data and tokens shared by the welfare tests: synthetic valid IDs, credit codes, and HTTP shortcuts. */
public final class Fixtures {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    public static final String STAFF = TestTokens.token("clerk-lsj", "ld.lsj", "staff");
    public static final String STAFF_LD = TestTokens.token("clerk-ld", "ld", "staff");
    public static final String STAFF_XH = TestTokens.token("clerk-xh", "ld.xh", "staff");
    public static final String REVIEWER = TestTokens.token("reviewer-a", "ld.lsj", "reviewer");
    public static final String REVIEWER_B = TestTokens.token("reviewer-b", "ld", "reviewer");
    public static final String FINANCE = TestTokens.token("cashier", "ld.lsj", "finance");
    public static final String ADMIN = TestTokens.token("admin-ld", "ld", "admin", "auditor");
    /** one person who is both clerk and reviewer: four-eyes must still hold */
    public static final String CLERK_AND_REVIEWER = TestTokens.token("clerk-reviewer", "ld.lsj", "staff", "reviewer");

    private Fixtures() {
    }

    /** A valid resident ID number (GB 11643 check digit), unique per call. */
    public static String idNumber() {
        String first17 = "431302" + "1985" + "0612" + String.format("%03d", SEQ.incrementAndGet() % 1000);
        // vary the region digits too, so numbers stay unique beyond 1000 calls
        long n = SEQ.get();
        first17 = String.format("43%04d", (n / 1000) % 10000) + first17.substring(6);
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }

    /** A valid unified social credit code (GB 32100 check character), unique per call. */
    public static String creditCode() {
        String first17 = "91431300" + String.format("%09d", SEQ.incrementAndGet()).replace('0', 'A');
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return first17 + CREDIT_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    public static String createCase(String token, String kind, String orgCode) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "name", "Test " + kind + " " + SEQ.incrementAndGet(),
                "orgCode", orgCode, "hardships", List.of("LOW_INCOME")));
        if (kind.equals("ENTERPRISE")) {
            body.put("creditCode", creditCode());
        } else {
            body.put("idNumber", idNumber());
        }
        return as(token).body(body).post("/api/v1/welfare/cases").then().statusCode(201).extract().path("id");
    }

    public static String verifiedCase(String kind, String orgCode) {
        String id = createCase(STAFF, kind, orgCode);
        as(STAFF).post("/api/v1/welfare/cases/" + id + "/verify").then().statusCode(200);
        return id;
    }

    public static String createFund(String orgCode, int year, long budgetFen) {
        return as(ADMIN).body(Map.of("code", "fund-" + SEQ.incrementAndGet(), "name", "Test fund", "year", year,
                "budgetFen", budgetFen, "orgCode", orgCode)).post("/api/v1/welfare/funds").then().statusCode(201)
                .extract().path("id");
    }

    public static String submit(String token, String program, String fundId, String caseId, long amountFen) {
        return as(token).body(Map.of("programCode", program, "fundId", fundId, "caseId", caseId, "amountFen", amountFen))
                .post("/api/v1/welfare/applications").then().statusCode(201).extract().path("id");
    }

    public static long fundField(String fundId, String field) {
        return ((Number) as(ADMIN).get("/api/v1/welfare/funds/" + fundId).then().statusCode(200).extract()
                .path(field)).longValue();
    }

    public static String key() {
        return UUID.randomUUID().toString();
    }
}
