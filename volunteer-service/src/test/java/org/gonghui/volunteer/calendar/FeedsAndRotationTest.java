package org.gonghui.volunteer.calendar;

import static org.gonghui.volunteer.Fixtures.activity;
import static org.gonghui.volunteer.Fixtures.as;
import static org.gonghui.volunteer.Fixtures.community;
import static org.gonghui.volunteer.Fixtures.coordinator;
import static org.gonghui.volunteer.Fixtures.daysAhead;
import static org.gonghui.volunteer.Fixtures.signUp;
import static org.gonghui.volunteer.Fixtures.team;
import static org.gonghui.volunteer.Fixtures.volunteer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

@QuarkusTest
class FeedsAndRotationTest {

    @Test
    void teamAndVolunteerCalendarsParseBackWithStableUids() throws Exception {
        String org = "ld.lsj.ics";
        String coord = coordinator(org);
        UUID leader = volunteer(coord, "队长");
        UUID outsider = volunteer(coord, "外人");
        UUID team = team(coord, "冷水江一队", leader);
        UUID place = community(coord, "小花社区");
        OffsetDateTime start = daysAhead(4, 9);
        UUID first = activity(coord, place, team, start, start.plusHours(3), 5);
        UUID second = activity(coord, place, team, start.plusDays(7), start.plusDays(7).plusHours(3), 5);
        activity(coord, place, null, start, start.plusHours(1), 5); // not the team's

        String teamIcs = as(TestTokens.volunteerToken("leader", org, leader)).accept("text/calendar")
                .get("/api/v1/volunteer/teams/" + team + "/calendar.ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        Map<String, VEvent> events = parse(teamIcs);
        assertEquals(List.of(first + "@gonghui", second + "@gonghui"), new ArrayList<>(events.keySet()));
        VEvent event = events.get(first + "@gonghui");
        Property dtStart = event.getProperty(Property.DTSTART).orElseThrow();
        assertEquals(start.toLocalDateTime().toString().replace("-", "").replace(":", "") + "00",
                dtStart.getValue());
        assertEquals("Asia/Shanghai", dtStart.getParameter("TZID").orElseThrow().getValue());
        assertTrue(event.getProperty(Property.LOCATION).orElseThrow().getValue().startsWith("小花社区"));
        String again = as(coord).accept("text/calendar").get("/api/v1/volunteer/teams/" + team + "/calendar.ics")
                .then().statusCode(200).extract().asString();
        assertEquals(events.keySet(), parse(again).keySet(), "the same UIDs every time: apps update, not duplicate");
        as(TestTokens.volunteerToken("outsider", org, outsider)).accept("text/calendar")
                .get("/api/v1/volunteer/teams/" + team + "/calendar.ics").then().statusCode(403);

        // the volunteer's own feed: by token, or by the secret URL a calendar app can subscribe to
        signUp(coord, second, leader, "CONFIRMED");
        String feedPath = as(TestTokens.volunteerToken("leader", org, leader))
                .get("/api/v1/volunteer/volunteers/" + leader).then().statusCode(200).extract().path("calendarFeedPath");
        String viaSecret = given().accept("text/calendar").get(feedPath).then().statusCode(200).extract().asString();
        assertEquals(List.of(second + "@gonghui"), new ArrayList<>(parse(viaSecret).keySet()));
        given().accept("text/calendar").get("/api/v1/volunteer/volunteers/" + leader + "/calendar.ics").then()
                .statusCode(401);
        given().accept("text/calendar").get("/api/v1/volunteer/volunteers/" + leader + "/calendar.ics?feed=guess")
                .then().statusCode(404);
        as(TestTokens.volunteerToken("outsider", org, outsider)).accept("text/calendar")
                .get("/api/v1/volunteer/volunteers/" + leader + "/calendar.ics").then().statusCode(403);
        String rotated = as(TestTokens.volunteerToken("leader", org, leader))
                .post("/api/v1/volunteer/volunteers/" + leader + "/calendar-feed").then().statusCode(200)
                .extract().path("calendarFeedPath");
        assertNotEquals(feedPath, rotated);
        given().accept("text/calendar").get(feedPath).then().statusCode(404);
        given().accept("text/calendar").get(rotated).then().statusCode(200);
    }

    @Test
    void rotationPreviewsThenSchedulesOneVisitPerWeek() {
        String org = "ld.lsj.rota";
        String coord = coordinator(org);
        List<UUID> teams = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            teams.add(team(coord, "第" + i + "队", volunteer(coord, "队长" + i)));
        }
        List<UUID> communities = List.of(community(coord, "小花社区"), community(coord, "黄泥塘社区"));
        UUID away = teams.get(2);
        Map<String, Object> request = new HashMap<>(Map.of("teamIds", teams, "communityIds", communities,
                "firstWeek", "2031-03-03", "weeks", 8, "weekday", "SATURDAY", "startTime", "09:00",
                "durationMinutes", 180, "capacity", 8,
                "blackouts", List.of(Map.of("teamId", away, "from", "2031-03-15", "to", "2031-03-22"))));

        JsonPath preview = as(coord).body(request).post("/api/v1/volunteer/rotations?dryRun=true").then()
                .statusCode(200).body("dryRun", equalTo(true)).body("rotationId", nullValue())
                .body("visits.size()", equalTo(8)).extract().jsonPath();
        assertEquals("2031-03-08", preview.getString("visits[0].date"));
        assertEquals("2031-03-08T09:00:00+08:00", preview.getString("visits[0].startsAt"));
        assertTrue(preview.getList("visits.activityId").stream().allMatch(a -> a == null));
        as(coord).get("/api/v1/volunteer/activities?size=200").then().body("total", equalTo(0));

        JsonPath saved = as(coord).body(request).post("/api/v1/volunteer/rotations").then().statusCode(201)
                .body("dryRun", equalTo(false)).extract().jsonPath();
        assertEquals(preview.getList("visits.teamId"), saved.getList("visits.teamId"), "deterministic");
        assertEquals(preview.getList("visits.communityId"), saved.getList("visits.communityId"));
        Map<String, Integer> perCommunity = saved.getMap("visitsPerCommunity");
        assertEquals(List.of(4, 4), new ArrayList<>(perCommunity.values()));
        Map<String, Integer> perTeam = saved.getMap("visitsPerTeam");
        assertTrue(perTeam.values().stream().allMatch(n -> n == 1 || n == 2), perTeam.toString());
        List<String> awayDates = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            if (away.toString().equals(saved.getString("visits[" + w + "].teamId"))) {
                awayDates.add(saved.getString("visits[" + w + "].date"));
            }
        }
        assertTrue(awayDates.stream().noneMatch(d -> d.equals("2031-03-15") || d.equals("2031-03-22")), awayDates
                .toString());
        as(coord).get("/api/v1/volunteer/activities?size=200").then().body("total", equalTo(8))
                .body("items[0].rotationId", equalTo(saved.getString("rotationId")))
                .body("items[0].teamId", equalTo(saved.getString("visits[0].teamId")))
                .body("items[0].capacity", equalTo(8));

        // saving the same rotation again is refused naming the clash, and creates nothing (issue 29.18)
        as(coord).body(request).post("/api/v1/volunteer/rotations").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/team-double-booked"))
                .body("otherActivityId", equalTo(saved.getString("visits[0].activityId")))
                .body("teamId", equalTo(saved.getString("visits[0].teamId")));
        as(coord).get("/api/v1/volunteer/activities?size=200").then().body("total", equalTo(8));
        // so is a single activity of a team at a time it is booked; back to back is fine
        UUID firstTeam = UUID.fromString(saved.getString("visits[0].teamId"));
        OffsetDateTime visitStart = OffsetDateTime.parse(saved.getString("visits[0].startsAt"));
        as(coord).body(Map.of("title", "加场", "kind", "OTHER", "communityId", communities.get(0), "teamId", firstTeam,
                "startsAt", visitStart.plusHours(1).toString(), "endsAt", visitStart.plusHours(5).toString(),
                "capacity", 3)).post("/api/v1/volunteer/activities").then().statusCode(409)
                .body("type", equalTo("/problems/team-double-booked"));
        as(coord).body(Map.of("title", "接着", "kind", "OTHER", "communityId", communities.get(0), "teamId", firstTeam,
                "startsAt", visitStart.plusHours(3).toString(), "endsAt", visitStart.plusHours(5).toString(),
                "capacity", 3)).post("/api/v1/volunteer/activities").then().statusCode(201);

        // every team blacked out on a Saturday: that week cannot be staffed
        List<Map<String, Object>> allAway = new ArrayList<>();
        teams.forEach(t -> allAway.add(Map.of("teamId", t, "from", "2031-03-08", "to", "2031-03-08")));
        request.put("blackouts", allAway);
        as(coord).body(request).post("/api/v1/volunteer/rotations?dryRun=true").then().statusCode(422)
                .body("type", equalTo("/problems/no-team-available"));
        request.put("teamIds", List.of(UUID.randomUUID()));
        request.put("blackouts", List.of());
        as(coord).body(request).post("/api/v1/volunteer/rotations?dryRun=true").then().statusCode(404);
    }

    /** The feed's events by UID, in feed order. */
    private static Map<String, VEvent> parse(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        Map<String, VEvent> events = new java.util.LinkedHashMap<>();
        for (Component c : calendar.getComponents(Component.VEVENT)) {
            VEvent e = (VEvent) c;
            events.put(e.getProperty(Property.UID).orElseThrow().getValue(), e);
        }
        return events;
    }
}
