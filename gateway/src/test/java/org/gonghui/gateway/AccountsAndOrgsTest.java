package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.accessToken;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.gonghui.gateway.Gateway.login;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AccountsAndOrgsTest {

    @Test
    void theSixOrgsAreSeededAndACountyAdminSeesOnlyItsSubtree() {
        given().auth().oauth2(adminToken()).get("/api/v1/orgs?size=200").then().statusCode(200)
                .body("items.code", hasItems("ld", "ld.lx", "ld.lsj", "ld.ly", "ld.sf", "ld.xh"))
                .body("items.find { it.code == 'ld.lsj' }.parentCode", equalTo("ld"))
                .body("items.find { it.code == 'ld' }.parentCode", nullValue());

        String lsj = TestTokens.token("lsj-admin", "ld.lsj", "admin");
        as(lsj).body(Map.of("code", "ld.lsj.steel", "name", "冷钢工会")).post("/api/v1/orgs").then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/orgs/ld.lsj.steel"))
                .body("parentCode", equalTo("ld.lsj"));
        as(lsj).get("/api/v1/orgs").then().statusCode(200)
                .body("items.code", everyItem(matchesPattern("ld\\.lsj(\\..+)?")))
                .body("items.code", hasItems("ld.lsj", "ld.lsj.steel"));
        as(lsj).get("/api/v1/orgs/ld.ly").then().statusCode(404);
        as(lsj).body(Map.of("code", "ld.ly.coal", "name", "x")).post("/api/v1/orgs").then().statusCode(404);
        as(lsj).body(Map.of("code", "ld.lsj.steel", "name", "again")).post("/api/v1/orgs").then().statusCode(409)
                .body("type", equalTo("/problems/org-exists"));
        as(lsj).body(Map.of("code", "ld.lsj.a.b", "name", "skips a level")).post("/api/v1/orgs").then()
                .statusCode(404);
        as(lsj).body(Map.of("code", "LD.bad", "name", "x")).post("/api/v1/orgs").then().statusCode(400);
        as(TestTokens.token("clerk", "ld", "staff")).get("/api/v1/orgs").then().statusCode(403);
        given().get("/api/v1/orgs").then().statusCode(401);
    }

    @Test
    void anAdminCreatesAccountsOnlyInItsSubtreeWithRolesItHolds() {
        String root = adminToken();
        String lsjAdminId = IdentityTest.createAccount(root, "lsj-chief", "lsj chief password", "ld.lsj",
                List.of("admin", "staff", "reviewer"));
        String lsj = accessToken("lsj-chief", "lsj chief password");

        String clerk = as(lsj).body(Map.of("username", "lsj-clerk", "password", "clerk password 1",
                "roles", List.of("staff"))).post("/api/v1/accounts").then().statusCode(201)
                .body("orgCode", equalTo("ld.lsj")).body("roles", equalTo(List.of("staff")))
                .body("enabled", equalTo(true)).body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")))
                .extract().path("id");
        as(lsj).body(Map.of("username", "lsj-vol", "password", "volunteer pass 1", "orgCode", "ld.lsj",
                "roles", List.of("volunteer"), "volunteerId", GatewayTestResource.volunteers.add("ld.lsj").toString()))
                .post("/api/v1/accounts").then().statusCode(201);
        // a login of the new account carries its org, roles and volunteer id
        given().auth().oauth2(accessToken("lsj-vol", "volunteer pass 1")).get("/auth/me").then().statusCode(200)
                .body("org", equalTo("ld.lsj")).body("roles", equalTo(List.of("volunteer")))
                .body("volunteerId", notNullValue());

        as(lsj).body(Map.of("username", "ly-clerk", "password", "clerk password 1", "orgCode", "ld.ly",
                "roles", List.of("staff"))).post("/api/v1/accounts").then().statusCode(403)
                .body("type", equalTo("/problems/org-out-of-scope"));
        as(lsj).body(Map.of("username", "lsj-payer", "password", "clerk password 1", "roles", List.of("finance")))
                .post("/api/v1/accounts").then().statusCode(403).body("type", equalTo("/problems/role-not-grantable"))
                .body("role", equalTo("finance"));
        as(lsj).body(Map.of("username", "lsj-odd", "password", "clerk password 1", "roles", List.of("root")))
                .post("/api/v1/accounts").then().statusCode(400);
        as(lsj).body(Map.of("username", "lsj-clerk", "password", "clerk password 1", "roles", List.of("staff")))
                .post("/api/v1/accounts").then().statusCode(409).body("type", equalTo("/problems/username-taken"));
        as(lsj).body(Map.of("username", "lsj-ghost", "password", "clerk password 1", "orgCode", "ld.lsj.nowhere",
                "roles", List.of("staff"))).post("/api/v1/accounts").then().statusCode(422)
                .body("type", equalTo("/problems/unknown-org"));
        as(lsj).body(Map.of("username", "x", "password", "short", "roles", List.of())).post("/api/v1/accounts")
                .then().statusCode(400).body("errors.field", hasItems("password", "roles"));

        // the county admin cannot raise its own roles either
        as(lsj).body(Map.of("roles", List.of("admin", "staff", "reviewer", "finance")))
                .patch("/api/v1/accounts/" + lsjAdminId).then().statusCode(403);
        // but may drop roles and edit accounts of its subtree
        as(lsj).body(Map.of("roles", List.of("staff", "reviewer"))).patch("/api/v1/accounts/" + clerk).then()
                .statusCode(200).body("roles", equalTo(List.of("reviewer", "staff")));
    }

    @Test
    void accountsOutsideTheSubtreeAreInvisible() {
        String root = adminToken();
        String lyAccount = IdentityTest.createAccount(root, "ly-staff", "ly staff password", "ld.ly",
                List.of("staff"));
        String lsjAccount = IdentityTest.createAccount(root, "lsj-staff", "lsj staff password", "ld.lsj",
                List.of("staff"));
        String lsj = TestTokens.token("lsj-admin", "ld.lsj", "admin", "staff");

        as(lsj).get("/api/v1/accounts/" + lyAccount).then().statusCode(404);
        as(lsj).body(Map.of("enabled", false)).patch("/api/v1/accounts/" + lyAccount).then().statusCode(404);
        as(lsj).get("/api/v1/accounts?size=200").then().statusCode(200)
                .body("items.orgCode", everyItem(matchesPattern("ld\\.lsj(\\..+)?")))
                .body("items.username", hasItem("lsj-staff")).body("items.username", not(hasItem("ly-staff")));
        as(lsj).get("/api/v1/accounts/" + lsjAccount).then().statusCode(200).body("username", equalTo("lsj-staff"));
        as(root).get("/api/v1/accounts?size=200").then().statusCode(200)
                .body("items.username", hasItems("admin", "ly-staff", "lsj-staff"));
        as(root).get("/api/v1/accounts?orgCode=ld.ly").then().statusCode(200)
                .body("items.orgCode", everyItem(equalTo("ld.ly")));
        as(TestTokens.token("clerk", "ld", "staff")).get("/api/v1/accounts").then().statusCode(403);
    }

    @Test
    void disablingOrChangingThePasswordEndsSessions() {
        String root = adminToken();
        String id = IdentityTest.createAccount(root, "leaves-soon", "first password!", "ld.xh", List.of("staff"));
        String refresh = login("leaves-soon", "first password!").then().statusCode(200).extract()
                .path("refreshToken");

        as(root).body(Map.of("password", "second password!")).patch("/api/v1/accounts/" + id).then()
                .statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).post("/auth/refresh").then()
                .statusCode(401);
        login("leaves-soon", "first password!").then().statusCode(401);
        AccountTakeoverTest.changePassword("leaves-soon", "second password!", "third password!").then()
                .statusCode(200);
        login("leaves-soon", "third password!").then().statusCode(200);

        as(root).body(Map.of("enabled", false)).patch("/api/v1/accounts/" + id).then().statusCode(200)
                .body("enabled", equalTo(false));
        login("leaves-soon", "third password!").then().statusCode(401);
        as(root).get("/api/v1/accounts/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
