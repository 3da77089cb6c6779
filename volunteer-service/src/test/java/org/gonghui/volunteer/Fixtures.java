package org.gonghui.volunteer;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Builds test data through the real HTTP API with real tokens. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private Fixtures() {
    }

    public static String coordinator(String org) {
        return TestTokens.token("coord-" + org, org, "coordinator");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A valid synthetic resident ID number (GB 11643 check character). */
    public static String idNumber() {
        String first17 = "431302199001" + String.format("%02d", 1 + SEQUENCE.get() % 28)
                + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }

    public static UUID community(String token, String name) {
        return UUID.fromString(as(token).body(Map.of("name", name, "address", "娄底市 " + name))
                .post("/api/v1/volunteer/communities").then().statusCode(201).extract().path("id"));
    }

    public static UUID volunteer(String token, String name) {
        return volunteer(token, name, null);
    }

    public static UUID volunteer(String token, String name, String idNumber) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", name, "phone", "138" + String.format("%08d",
                SEQUENCE.incrementAndGet()), "skills", List.of("visiting")));
        if (idNumber != null) {
            body.put("idNumber", idNumber);
        }
        return UUID.fromString(as(token).body(body).post("/api/v1/volunteer/volunteers").then().statusCode(201)
                .extract().path("id"));
    }

    public static UUID team(String token, String name, UUID leader, UUID... members) {
        return UUID.fromString(as(token).body(Map.of("name", name, "leaderId", leader, "memberIds", List.of(members)))
                .post("/api/v1/volunteer/teams").then().statusCode(201).extract().path("id"));
    }

    public static UUID activity(String token, UUID community, UUID team, OffsetDateTime startsAt,
            OffsetDateTime endsAt, int capacity) {
        var body = new java.util.HashMap<String, Object>(Map.of("title", "Visit " + SEQUENCE.incrementAndGet(),
                "kind", "CONDOLENCE_VISIT", "communityId", community, "startsAt", startsAt.toString(), "endsAt",
                endsAt.toString(), "capacity", capacity));
        if (team != null) {
            body.put("teamId", team);
        }
        return UUID.fromString(as(token).body(body).post("/api/v1/volunteer/activities").then().statusCode(201)
                .extract().path("id"));
    }

    public static UUID signUp(String token, UUID activity, UUID volunteer, String expectedStatus) {
        return UUID.fromString(as(token).body(Map.of("volunteerId", volunteer))
                .post("/api/v1/volunteer/activities/" + activity + "/signups").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo(expectedStatus)).extract().path("id"));
    }

    /** A shift some days ahead (sign-up is open), at 09:00 Shanghai time, {@code hours} long. */
    public static OffsetDateTime daysAhead(int days, int hour) {
        return OffsetDateTime.now(org.gonghui.volunteer.support.Times.ZONE).plusDays(days).withHour(hour)
                .withMinute(0).withSecond(0).withNano(0);
    }
}
