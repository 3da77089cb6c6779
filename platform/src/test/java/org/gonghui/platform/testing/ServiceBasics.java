package org.gonghui.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;

import org.gonghui.platform.security.VerifiedTokenCache;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;

/**
 * The checks every service (honors, welfare, volunteer) passes the same way: health with database and Kafka, metrics,
 * its OpenAPI, 401/403 as problem+json on its audit search, remembered tokens that never lend their signature, and
 * the scan that every endpoint declares its roles. A service's {@code @QuarkusTest} subclass names the service and
 * keeps only its own checks.
 */
public abstract class ServiceBasics {

    private final String service;
    private final String api;

    /** @param service the service's path segment and package name: {@code honors} for {@code /api/v1/honors} */
    protected ServiceBasics(String service) {
        this.service = service;
        this.api = "/api/v1/" + service;
    }

    /** Issue 10: verified tokens are remembered (platform VerifiedTokenCache), but never lend their signature. */
    @Test
    void rememberedTokensDoNotAdmitForgedCopies() {
        assertInstanceOf(VerifiedTokenCache.class, CDI.current().select(JWTCallerPrincipalFactory.class).get());
        String auditor = TestTokens.token("auditor", "ld", "auditor");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(auditor).get(api + "/audit").then().statusCode(200);
        }
        String[] remembered = auditor.split("\\.");
        String[] clerk = TestTokens.token("clerk", "ld.lsj", "staff").split("\\.");
        String claimsOfAnotherWithTheRememberedSignature = clerk[0] + "." + clerk[1] + "." + remembered[2];
        String signatureAltered = remembered[0] + "." + remembered[1] + "."
                + remembered[2].substring(0, remembered[2].length() - 4) + "AAAA";
        for (String forged : new String[] { claimsOfAnotherWithTheRememberedSignature, signatureAltered }) {
            given().auth().oauth2(forged).get(api + "/audit").then().statusCode(401)
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
        String audit = "paths.'" + api + "/audit'.get";
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Gonghui " + service + "-service"))
                .body(audit + ".summary", containsString("Audit entries"))
                .body(audit + ".security[0].SecurityScheme", hasItems("auditor", "admin"))
                .body(audit + ".responses", hasKey("403"));
    }

    @Test
    void requestWithoutOrWithForeignTokenIsRefusedWithProblemJson() {
        given().get(api + "/audit").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2("not.a.token").get(api + "/audit").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("clerk", "ld.lsj", "staff")).get(api + "/audit").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get(api + "/audit").then()
                .statusCode(200);
    }

    @Test
    void badQueryParametersAreProblemsNotServerErrors() {
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get(api + "/audit?size=1000")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get(api + "/nope")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyEndpointDeclaresItsRoles() {
        // the audit search is inherited from the platform; the scan must see it too
        assertTrue(EndpointSecurityAssertions.assertEveryEndpointDeclaresRoles("org.gonghui." + service)
                .contains("AuditResource.search"));
    }
}
