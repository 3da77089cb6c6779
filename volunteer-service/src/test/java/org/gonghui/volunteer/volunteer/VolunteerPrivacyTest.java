package org.gonghui.volunteer.volunteer;

import static org.gonghui.volunteer.Fixtures.as;
import static org.gonghui.volunteer.Fixtures.coordinator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Issue 19: a volunteer's profile and phone number stay inside its county. */
@QuarkusTest
class VolunteerPrivacyTest {

    private static UUID register(String token, String name, String phone) {
        return UUID.fromString(as(token).body(Map.of("name", name, "phone", phone, "skills", List.of("visiting")))
                .post("/api/v1/volunteer/volunteers").then().statusCode(201).extract().path("id"));
    }

    /** 19.6: a volunteerId claim naming another county's volunteer opens nothing, as if that volunteer were absent. */
    @Test
    void aVolunteerIdClaimOutsideTheTokensSubtreeOpensNothing() {
        UUID victim = register(coordinator("ld.lsj.claim"), "冷水江志愿者", "13812340001");
        String intruder = TestTokens.volunteerToken("claim-intruder", "ld.lx.claim", victim);
        as(intruder).get("/api/v1/volunteer/volunteers/" + victim).then().statusCode(404)
                .contentType("application/problem+json");
        as(intruder).get("/api/v1/volunteer/volunteers").then().statusCode(200).body("total", equalTo(0));
        as(intruder).get("/api/v1/volunteer/volunteers/" + victim + "/hours?year=2027").then().statusCode(404);
        as(intruder).get("/api/v1/volunteer/volunteers/" + victim + "/signups").then().statusCode(404);
        // registering does not reveal that the claimed id exists elsewhere: the account gets a profile of its own
        as(intruder).body(Map.of("name", "自己", "phone", "13812340002")).post("/api/v1/volunteer/volunteers").then()
                .statusCode(201).body("id", not(equalTo(victim.toString()))).body("orgCode", equalTo("ld.lx.claim"));
    }

    /** 19.11: phones in full only for the coordinators of the volunteer's own org and the volunteer. */
    @Test
    void phoneNumbersAreMaskedExceptForTheOwnOrgsCoordinatorsAndTheVolunteer() {
        String own = coordinator("ld.lsj.phone");
        String parent = coordinator("ld.lsj");
        UUID v = register(own, "手机号", "13812345678");
        as(own).get("/api/v1/volunteer/volunteers/" + v).then().statusCode(200).body("phone", equalTo("13812345678"));
        as(own).get("/api/v1/volunteer/volunteers?size=200").then().statusCode(200)
                .body("items.find { it.id == '" + v + "' }.phone", equalTo("13812345678"));
        as(TestTokens.volunteerToken("phone-self", "ld.lsj.phone", v)).get("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(200).body("phone", equalTo("13812345678"));
        as(TestTokens.volunteerToken("phone-self", "ld.lsj.phone", v)).get("/api/v1/volunteer/volunteers").then()
                .statusCode(200).body("items[0].phone", equalTo("13812345678"));

        as(parent).get("/api/v1/volunteer/volunteers/" + v).then().statusCode(200).body("phone", equalTo("138****5678"));
        as(parent).get("/api/v1/volunteer/volunteers?size=200").then().statusCode(200)
                .body("items.find { it.id == '" + v + "' }.phone", equalTo("138****5678"));
        as(coordinator("ld")).get("/api/v1/volunteer/volunteers/" + v).then().body("phone", equalTo("138****5678"));
        // another volunteer of the same org does not see it either (nor the profile)
        as(TestTokens.volunteerToken("phone-other", "ld.lsj.phone", UUID.randomUUID()))
                .get("/api/v1/volunteer/volunteers/" + v).then().statusCode(403);

        // the parent org's coordinator edits the profile sending the masked number back: the number stays
        as(parent).body(Map.of("name", "手机号改", "phone", "138****5678")).put("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(200).body("name", equalTo("手机号改")).body("phone", equalTo("138****5678"));
        as(own).get("/api/v1/volunteer/volunteers/" + v).then().body("phone", equalTo("13812345678"));
        // a masked number that is not this volunteer's is refused, and a new one is taken
        as(parent).body(Map.of("name", "手机号改", "phone", "139****5678")).put("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        as(parent).body(Map.of("name", "手机号改", "phone", "13900001111")).put("/api/v1/volunteer/volunteers/" + v)
                .then().statusCode(200).body("phone", equalTo("139****1111"));
        as(own).get("/api/v1/volunteer/volunteers/" + v).then().body("phone", equalTo("13900001111"));
        // a new registration may not be masked
        as(own).body(Map.of("name", "掩码", "phone", "138****5678")).post("/api/v1/volunteer/volunteers").then()
                .statusCode(400).body("errors[0].field", equalTo("phone"));
    }
}
