package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.accessToken;
import static org.gonghui.gateway.Gateway.adminPassword;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.gonghui.gateway.Gateway.login;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Issue 19.1 (account takeover) and 29.10 (passwords cut at 72 bytes), at the gateway's own endpoints. */
@QuarkusTest
class AccountTakeoverTest {

    @Inject
    EntityManager em;

    @Test
    void aCountyAdminCannotResetTheFinanceOfficersPassword() {
        String root = adminToken();
        IdentityTest.createAccount(root, "tk-lsj-admin", "county admin pass", "ld.lsj", List.of("admin"));
        String finance = IdentityTest.createAccount(root, "tk-lsj-finance", "finance officer pass", "ld.lsj",
                List.of("finance"));
        String county = accessToken("tk-lsj-admin", "county admin pass");

        // the account is in the county's subtree and listed to it, so the refusal is 403, not 404
        as(county).get("/api/v1/accounts/" + finance).then().statusCode(200);
        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("password", "taken over password"),
                Map.of("enabled", false), Map.of("unlock", true), Map.of("roles", List.of("finance")),
                Map.of("orgCode", "ld.lsj"))) {
            as(county).body(change).patch("/api/v1/accounts/" + finance).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/account-not-manageable"))
                    .body("missingRoles", equalTo(List.of("finance")));
        }
        login("tk-lsj-finance", "taken over password").then().statusCode(401);
        login("tk-lsj-finance", "finance officer pass").then().statusCode(200);
    }

    @Test
    void aSecondCityAdminWithEveryRoleCannotTakeOverTheFirst() {
        String root = adminToken();
        String firstId = given().auth().oauth2(root).get("/api/v1/accounts?orgCode=ld&size=200").then()
                .statusCode(200).extract().path("items.find { it.username == 'admin' }.id");
        IdentityTest.createAccount(root, "tk-second-admin", "second admin pass", "ld",
                List.of("admin", "staff", "reviewer", "finance", "coordinator", "auditor"));
        String second = accessToken("tk-second-admin", "second admin pass");
        as(second).body(Map.of("password", "i am the admin now")).patch("/api/v1/accounts/" + firstId).then()
                .statusCode(403).body("type", equalTo("/problems/account-not-manageable"))
                .body("detail", containsString("same rights"));
        as(second).body(Map.of("enabled", false)).patch("/api/v1/accounts/" + firstId).then().statusCode(403);
        login("admin", adminPassword()).then().statusCode(200);

        // peers at a county: neither changes the other; the city's admin changes both
        String a = IdentityTest.createAccount(root, "tk-ly-admin-a", "ly admin a pass", "ld.ly", List.of("admin"));
        String b = IdentityTest.createAccount(root, "tk-ly-admin-b", "ly admin b pass", "ld.ly", List.of("admin"));
        as(accessToken("tk-ly-admin-a", "ly admin a pass")).body(Map.of("enabled", false))
                .patch("/api/v1/accounts/" + b).then().statusCode(403);
        as(root).body(Map.of("enabled", false)).patch("/api/v1/accounts/" + a).then().statusCode(200);
    }

    @Test
    void anAdminsResetForcesANewPasswordAtTheNextLoginAndIsAudited() {
        String root = adminToken();
        String id = IdentityTest.createAccount(root, "tk-reset", "chosen by the user", "ld.sf", List.of("staff"));
        String refresh = login("tk-reset", "chosen by the user").then().statusCode(200).extract()
                .path("refreshToken");

        as(root).body(Map.of("password", "temporary by admin")).patch("/api/v1/accounts/" + id).then()
                .statusCode(200).body("mustChangePassword", equalTo(true)).body("$", not(org.hamcrest.Matchers.hasKey("password")));
        // the old login's refresh tokens are revoked
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).post("/auth/refresh").then()
                .statusCode(401);
        // the admin's password opens nothing but its own change
        login("tk-reset", "temporary by admin").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/password-change-required"))
                .body("accessToken", org.hamcrest.Matchers.nullValue());
        changePassword("tk-reset", "wrong temporary", "my own new secret").then().statusCode(401)
                .body("type", equalTo("/problems/invalid-credentials"));
        changePassword("tk-reset", "temporary by admin", "temporary by admin").then().statusCode(400);
        String access = changePassword("tk-reset", "temporary by admin", "my own new secret").then().statusCode(200)
                .body("refreshToken", org.hamcrest.Matchers.notNullValue()).extract().path("accessToken");
        given().auth().oauth2(access).get("/auth/me").then().statusCode(200).body("username", equalTo("tk-reset"));
        login("tk-reset", "temporary by admin").then().statusCode(401);
        login("tk-reset", "my own new secret").then().statusCode(200);
        as(root).get("/api/v1/accounts/" + id).then().body("mustChangePassword", equalTo(false));

        List<String> audit = auditOf(id);
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("admin account.changed tk-reset password-reset")),
                audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("account.password-changed")), audit.toString());
        assertFalse(audit.stream().anyMatch(l -> l.contains("temporary by admin") || l.contains("my own new")),
                "a password in the audit trail: " + audit);
    }

    @Test
    void ownPasswordOnlyWithTheCurrentOne() {
        String root = adminToken();
        String id = IdentityTest.createAccount(root, "tk-self", "self admin pass 1", "ld.xh",
                List.of("admin", "staff"));
        String self = accessToken("tk-self", "self admin pass 1");
        // a stolen access token is not enough to set a new password
        as(self).body(Map.of("password", "stolen token pass")).patch("/api/v1/accounts/" + id).then()
                .statusCode(403).body("type", equalTo("/problems/own-password-needs-current"));
        // other changes of oneself are allowed (roles only downwards)
        as(self).body(Map.of("roles", List.of("admin"))).patch("/api/v1/accounts/" + id).then().statusCode(200);
        changePassword("tk-self", "self admin pass 1", "self admin pass 2").then().statusCode(200);
        login("tk-self", "self admin pass 2").then().statusCode(200);
    }

    @Test
    void passwordsAreMeasuredInUtf8BytesAndNeverCutShort() {
        String root = adminToken();
        String zhong72 = "中".repeat(24);
        String over = zhong72 + "secretA";
        // 79 bytes (31 characters): bcrypt would read only the first 72
        as(root).body(Map.of("username", "tk-long", "password", over, "orgCode", "ld.lx", "roles", List.of("staff")))
                .post("/api/v1/accounts").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"))
                .body("errors.message", hasItem(containsString("72 bytes")));
        as(root).body(Map.of("username", "tk-73", "password", zhong72 + "a", "orgCode", "ld.lx",
                "roles", List.of("staff"))).post("/api/v1/accounts").then().statusCode(400);

        String id72 = IdentityTest.createAccount(root, "tk-72", zhong72, "ld.lx", List.of("staff"));
        login("tk-72", zhong72).then().statusCode(200);
        login("tk-72", zhong72 + "x").then().statusCode(401);
        String seventyOne = "中".repeat(23) + "ab";
        assertEquals(71, seventyOne.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        IdentityTest.createAccount(root, "tk-71", seventyOne, "ld.lx", List.of("staff"));
        login("tk-71", seventyOne).then().statusCode(200);
        login("tk-71", seventyOne + "c").then().statusCode(401);

        as(root).body(Map.of("password", zhong72 + "b")).patch("/api/v1/accounts/" + id72).then().statusCode(400)
                .body("errors.field", hasItem("password"));
        changePassword("tk-71", seventyOne, zhong72 + "b").then().statusCode(400)
                .body("errors.field", hasItem("newPassword"));
        changePassword("tk-71", seventyOne, zhong72).then().statusCode(200);
    }

    /** Issue 19.6: an account's volunteerId names a volunteer of the account's own subtree, on create and change. */
    @Test
    void aVolunteerIdMustNameAVolunteerOfTheAccountsSubtree() {
        String root = adminToken();
        String lsjVolunteer = GatewayTestResource.volunteers.add("ld.lsj").toString();
        String lyVolunteer = GatewayTestResource.volunteers.add("ld.ly").toString();
        as(root).body(Map.of("username", "tk-vol-ly", "password", "volunteer pass 1", "orgCode", "ld.lsj",
                "roles", List.of("volunteer"), "volunteerId", lyVolunteer)).post("/api/v1/accounts").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/volunteer-not-in-org"));
        as(root).body(Map.of("username", "tk-vol-none", "password", "volunteer pass 1", "orgCode", "ld.lsj",
                "roles", List.of("volunteer"), "volunteerId", java.util.UUID.randomUUID().toString()))
                .post("/api/v1/accounts").then().statusCode(422);
        String id = as(root).body(Map.of("username", "tk-vol", "password", "volunteer pass 1", "orgCode", "ld.lsj",
                "roles", List.of("volunteer"), "volunteerId", lsjVolunteer)).post("/api/v1/accounts").then()
                .statusCode(201).extract().path("id");
        as(root).body(Map.of("volunteerId", lyVolunteer)).patch("/api/v1/accounts/" + id).then().statusCode(422);
        // moving the account to another county leaves its volunteer behind: refused too
        as(root).body(Map.of("orgCode", "ld.ly")).patch("/api/v1/accounts/" + id).then().statusCode(422);
        as(root).get("/api/v1/accounts/" + id).then().body("volunteerId", equalTo(lsjVolunteer))
                .body("orgCode", equalTo("ld.lsj"));
        as(root).body(Map.of("orgCode", "ld.ly", "volunteerId", lyVolunteer)).patch("/api/v1/accounts/" + id).then()
                .statusCode(200);
    }

    static io.restassured.response.Response changePassword(String username, String password, String newPassword) {
        return given().header("X-Forwarded-For", Gateway.newClientIp()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "newPassword", newPassword))
                .post("/auth/password");
    }

    @SuppressWarnings("unchecked")
    private List<String> auditOf(String accountId) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery(
                "SELECT actor || ' ' || action || ' ' || coalesce(detail, '') FROM audit_log WHERE entity_id = ?1 "
                        + "ORDER BY id").setParameter(1, accountId).getResultList());
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
