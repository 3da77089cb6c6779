package org.gonghui.welfare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.gonghui.platform.testing.ServiceBasics;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The checks every service shares ({@link ServiceBasics}), and welfare's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasics {

    ServiceBasicsTest() {
        super("welfare");
    }

    /** Found by the hardening sweep (issue 11): out-of-range year filters were answered 200 with an empty page. */
    @Test
    void outOfRangeYearFiltersAre400() {
        String staff = TestTokens.token("clerk", "ld", "staff", "reviewer", "finance");
        for (String query : new String[] { "/api/v1/welfare/funds?year=-1", "/api/v1/welfare/applications?year=100000",
                "/api/v1/welfare/enrolments?year=-1" }) {
            given().auth().oauth2(staff).get(query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("year"));
        }
        given().auth().oauth2(staff).get("/api/v1/welfare/funds?year=2025").then().statusCode(200);
    }
}
