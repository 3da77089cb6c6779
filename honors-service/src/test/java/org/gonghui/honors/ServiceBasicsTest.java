package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.gonghui.platform.security.VerifiedTokenCache;
import org.gonghui.platform.testing.EndpointSecurityAssertions;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;

@QuarkusTest
class ServiceBasicsTest {

    @Inject
    JWTCallerPrincipalFactory tokenVerifier;

    /** Issue 10: verified tokens are remembered (platform VerifiedTokenCache), but never lend their signature. */
    @Test
    void rememberedTokensDoNotAdmitForgedCopies() {
        assertInstanceOf(VerifiedTokenCache.class, tokenVerifier);
        String auditor = TestTokens.token("auditor", "ld", "auditor");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(auditor).get("/api/v1/honors/audit").then().statusCode(200);
        }
        String[] remembered = auditor.split("\\.");
        String[] clerk = TestTokens.token("clerk", "ld.lsj", "staff").split("\\.");
        String claimsOfAnotherWithTheRememberedSignature = clerk[0] + "." + clerk[1] + "." + remembered[2];
        String signatureAltered = remembered[0] + "." + remembered[1] + "."
                + remembered[2].substring(0, remembered[2].length() - 4) + "AAAA";
        for (String forged : new String[] { claimsOfAnotherWithTheRememberedSignature, signatureAltered }) {
            given().auth().oauth2(forged).get("/api/v1/honors/audit").then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Gonghui honors-service"))
                .body("paths.'/api/v1/honors/audit'.get.summary", containsString("Audit entries"))
                .body("paths.'/api/v1/honors/audit'.get.security[0].SecurityScheme", hasItems("auditor", "admin"))
                .body("paths.'/api/v1/honors/audit'.get.responses", hasKey("403"));
    }

    @Test
    void requestWithoutOrWithForeignTokenIsRefusedWithProblemJson() {
        given().get("/api/v1/honors/audit").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2("not.a.token").get("/api/v1/honors/audit").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("clerk", "ld.lsj", "staff")).get("/api/v1/honors/audit").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get("/api/v1/honors/audit").then()
                .statusCode(200);
    }

    @Test
    void badQueryParametersAreProblemsNotServerErrors() {
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get("/api/v1/honors/audit?size=1000")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get("/api/v1/honors/nope")
                .then().statusCode(404).contentType("application/problem+json");
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

    @Test
    void everyEndpointDeclaresItsRoles() {
        // the audit search is inherited from the platform; the scan must see it too
        assertTrue(EndpointSecurityAssertions.assertEveryEndpointDeclaresRoles("org.gonghui.honors")
                .contains("AuditResource.search"));
    }
}
