package org.gonghui.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/** The gateway issues tokens that every service accepts, and routes each service's part of the API. */
class GatewaySmokeIT {

    @Test
    void adminLogsInAndReachesEveryService() {
        String admin = RunningSuite.adminToken();
        RunningSuite.as(admin).get("/auth/me").then().statusCode(200).body("org", equalTo("ld"))
                .body("roles", hasItem("admin"));
        RunningSuite.as(admin).get("/api/v1/honors/awards").then().statusCode(200);
        RunningSuite.as(admin).get("/api/v1/welfare/programs").then().statusCode(200);
        RunningSuite.as(admin).get("/api/v1/volunteer/communities").then().statusCode(200);
    }

    @Test
    void requestsWithoutTokenAreRefusedWithProblemJson() {
        for (String path : new String[] { "/api/v1/honors/nominations", "/api/v1/welfare/cases",
                "/api/v1/volunteer/volunteers" }) {
            RunningSuite.anonymous().get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }
}
