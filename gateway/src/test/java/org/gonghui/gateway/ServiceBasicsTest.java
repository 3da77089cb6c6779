package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.gonghui.platform.testing.EndpointSecurityAssertions;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceBasicsTest {

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Gonghui gateway"));
    }

    @Test
    void meAnswersFromTheTokenAndRefusesRequestsWithoutOne() {
        given().get("/auth/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("clerk", "ld.lsj", "staff", "reviewer")).get("/auth/me").then()
                .statusCode(200).body("username", equalTo("clerk")).body("org", equalTo("ld.lsj"))
                .body("roles", hasItems("staff", "reviewer"));
    }

    @Test
    void everyEndpointDeclaresItsRoles() {
        assertFalse(EndpointSecurityAssertions.assertEveryEndpointDeclaresRoles("org.gonghui.gateway").isEmpty());
    }
}
