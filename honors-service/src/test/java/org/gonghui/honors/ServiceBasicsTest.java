package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.gonghui.platform.testing.ServiceBasics;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The checks every service shares ({@link ServiceBasics}), and honors' own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasics {

    ServiceBasicsTest() {
        super("honors");
    }

    /** Found by the hardening sweep (issue 11): out-of-range years and a misspelt boolean were answered 200. */
    @Test
    void outOfRangeYearFiltersAndNonBooleanFlagsAre400() {
        String admin = TestTokens.token("admin", "ld", "admin");
        for (String query : new String[] { "/api/v1/honors/honors?year=-1", "/api/v1/honors/honors?year=100000",
                "/api/v1/honors/honors?includeRevoked=maybe", "/api/v1/honors/campaigns?year=-1",
                "/api/v1/honors/roll?year=100000" }) {
            given().auth().oauth2(admin).get(query).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(admin).get("/api/v1/honors/honors?year=2025&includeRevoked=true").then().statusCode(200);
    }

    @Test
    void benchBaselineAnswersConstantJsonWithoutToken() {
        given().get("/bench/constant").then().statusCode(200).contentType("application/json")
                .body("service", equalTo("honors-service")).body("status", equalTo("ok"));
    }
}
