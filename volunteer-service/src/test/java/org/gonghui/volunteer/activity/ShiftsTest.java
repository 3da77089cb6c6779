package org.gonghui.volunteer.activity;

import static org.gonghui.volunteer.Fixtures.activity;
import static org.gonghui.volunteer.Fixtures.as;
import static org.gonghui.volunteer.Fixtures.community;
import static org.gonghui.volunteer.Fixtures.coordinator;
import static org.gonghui.volunteer.Fixtures.daysAhead;
import static org.gonghui.volunteer.Fixtures.signUp;
import static org.gonghui.volunteer.Fixtures.team;
import static org.gonghui.volunteer.Fixtures.volunteer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gonghui.platform.testing.TestTokens;
import org.gonghui.volunteer.support.Times;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ShiftsTest {

    /** A shift start {@code minutes} from now, to the minute, Shanghai time. */
    private static OffsetDateTime soon(int minutes) {
        return OffsetDateTime.now(Times.ZONE).plusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void hundredParallelSignUpsForTenSeatsConfirmExactlyTen() throws Exception {
        String coord = coordinator("ld.lsj.race");
        UUID activity = activity(coord, community(coord, "小花社区"), null, daysAhead(5, 9), daysAhead(5, 12), 10);
        List<UUID> volunteers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            volunteers.add(volunteer(coord, "志愿者" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (UUID v : volunteers) {
                Callable<Response> call = () -> as(coord).body(Map.of("volunteerId", v))
                        .post("/api/v1/volunteer/activities/" + activity + "/signups");
                calls.add(pool.submit(call));
            }
            int confirmed = 0;
            int waitlisted = 0;
            Set<Integer> positions = new HashSet<>();
            for (Future<Response> f : calls) {
                Response r = f.get();
                assertEquals(201, r.statusCode(), r.asString());
                if ("CONFIRMED".equals(r.path("status"))) {
                    confirmed++;
                } else {
                    waitlisted++;
                    positions.add(r.path("waitlistPosition"));
                }
            }
            assertEquals(10, confirmed);
            assertEquals(90, waitlisted);
            assertEquals(90, positions.size(), "every waitlisted sign-up has its own place");
        } finally {
            pool.shutdownNow();
        }
        as(coord).get("/api/v1/volunteer/activities/" + activity).then().statusCode(200)
                .body("confirmed", equalTo(10)).body("waitlisted", equalTo(90))
                .body("signups.findAll { it.status == 'CONFIRMED' }.size()", equalTo(10))
                .body("signups.findAll { it.status == 'WAITLISTED' }.waitlistPosition.max()", equalTo(90));
    }

    @Test
    void cancellingAConfirmedSeatPromotesTheFirstWaitlisted() {
        String coord = coordinator("ld.lsj.wait");
        UUID activity = activity(coord, community(coord, "黄泥塘社区"), null, daysAhead(6, 9), daysAhead(6, 11), 1);
        UUID first = volunteer(coord, "甲");
        UUID second = volunteer(coord, "乙");
        UUID third = volunteer(coord, "丙");
        UUID seat = signUp(coord, activity, first, "CONFIRMED");
        UUID secondSignup = signUp(coord, activity, second, "WAITLISTED");
        signUp(coord, activity, third, "WAITLISTED");
        as(coord).body(Map.of("volunteerId", second)).post("/api/v1/volunteer/activities/" + activity + "/signups")
                .then().statusCode(409).body("type", equalTo("/problems/already-signed-up"))
                .body("existingId", equalTo(secondSignup.toString()));

        // a volunteer cannot cancel someone else's seat; the holder can
        String secondsToken = TestTokens.volunteerToken("yi", "ld.lsj.wait", second);
        as(secondsToken).delete("/api/v1/volunteer/activities/" + activity + "/signups/" + seat).then()
                .statusCode(403).contentType("application/problem+json");
        String firstsToken = TestTokens.volunteerToken("jia", "ld.lsj.wait", first);
        as(firstsToken).delete("/api/v1/volunteer/activities/" + activity + "/signups/" + seat).then()
                .statusCode(200).body("cancelled.status", equalTo("CANCELLED"))
                .body("promoted.volunteerId", equalTo(second.toString()))
                .body("promoted.status", equalTo("CONFIRMED"));
        as(coord).get("/api/v1/volunteer/activities/" + activity).then()
                .body("confirmed", equalTo(1)).body("waitlisted", equalTo(1))
                .body("signups.find { it.volunteerId == '" + third + "' }.waitlistPosition", equalTo(1));
        as(firstsToken).delete("/api/v1/volunteer/activities/" + activity + "/signups/" + seat).then()
                .statusCode(409).body("type", equalTo("/problems/illegal-transition"));
        // a volunteer finds open shifts and its own sign-ups (with the id to cancel)
        as(secondsToken).get("/api/v1/volunteer/activities/open?size=200").then().statusCode(200)
                .body("items.id", hasItem(activity.toString()));
        as(secondsToken).get("/api/v1/volunteer/volunteers/" + second + "/signups").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].signup.id", equalTo(secondSignup.toString()))
                .body("items[0].signup.status", equalTo("CONFIRMED"));
        as(secondsToken).get("/api/v1/volunteer/volunteers/" + third + "/signups").then().statusCode(403);
        as(firstsToken).get("/api/v1/volunteer/volunteers/" + first + "/signups").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void overlappingConfirmedShiftsAreRefusedNamingTheOtherShift() {
        String coord = coordinator("ld.lsj.overlap");
        UUID place = community(coord, "小花社区");
        UUID morning = activity(coord, place, null, daysAhead(7, 9), daysAhead(7, 12), 5);
        UUID lateMorning = activity(coord, place, null, daysAhead(7, 11), daysAhead(7, 13), 5);
        UUID afternoon = activity(coord, place, null, daysAhead(7, 12), daysAhead(7, 14), 5);
        UUID v = volunteer(coord, "丁");
        String own = TestTokens.volunteerToken("ding", "ld.lsj.overlap", v);
        signUp(own, morning, v, "CONFIRMED");
        String morningTitle = as(coord).get("/api/v1/volunteer/activities/" + morning).path("title");
        as(own).body(Map.of("volunteerId", v)).post("/api/v1/volunteer/activities/" + lateMorning + "/signups")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/shift-overlap"))
                .body("otherActivityId", equalTo(morning.toString()))
                .body("detail", org.hamcrest.Matchers.containsString(morningTitle));
        signUp(own, afternoon, v, "CONFIRMED"); // back to back is not an overlap
        // a volunteer signs up only itself
        UUID other = volunteer(coord, "戊");
        as(own).body(Map.of("volunteerId", other)).post("/api/v1/volunteer/activities/" + afternoon + "/signups")
                .then().statusCode(403).body("type", equalTo("/problems/self-only"));
    }

    @Test
    void parallelSignUpsOfOneVolunteerToOverlappingShiftsConfirmOnlyOne() throws Exception {
        String coord = coordinator("ld.lsj.overlap2");
        UUID place = community(coord, "黄泥塘社区");
        List<UUID> shifts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shifts.add(activity(coord, place, null, daysAhead(8, 9 + i % 2), daysAhead(8, 12), 5));
        }
        UUID v = volunteer(coord, "赶场");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (UUID shift : shifts) {
                calls.add(pool.submit(() -> as(coord).body(Map.of("volunteerId", v))
                        .post("/api/v1/volunteer/activities/" + shift + "/signups")));
            }
            int confirmed = 0;
            for (Future<Response> f : calls) {
                Response r = f.get();
                if (r.statusCode() == 201) {
                    confirmed++;
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("/problems/shift-overlap", r.path("type"));
                }
            }
            assertEquals(1, confirmed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signUpClosesWhenTheShiftStarts() {
        String coord = coordinator("ld.lsj.closed");
        OffsetDateTime started = OffsetDateTime.now().minusMinutes(30);
        UUID activity = activity(coord, community(coord, "小花社区"), null, started, started.plusHours(2), 5);
        as(coord).body(Map.of("volunteerId", volunteer(coord, "己")))
                .post("/api/v1/volunteer/activities/" + activity + "/signups").then().statusCode(409)
                .body("type", equalTo("/problems/signup-closed"));
    }

    @Test
    void onlyTheLeaderOfTheActivitysTeamMayCheckIn() {
        String org = "ld.lsj.lead";
        String coord = coordinator(org);
        UUID leaderOne = volunteer(coord, "队长一");
        UUID leaderTwo = volunteer(coord, "队长二");
        UUID member = volunteer(coord, "队员");
        UUID teamOne = team(coord, "一队", leaderOne, member);
        team(coord, "二队", leaderTwo);
        // starts in half an hour: sign-up still open, check-in already (from an hour before the start)
        OffsetDateTime start = soon(30);
        UUID activity = activity(coord, community(coord, "黄泥塘社区"), teamOne, start, start.plusHours(3), 5);
        signUp(coord, activity, member, "CONFIRMED");
        OffsetDateTime arrived = OffsetDateTime.now(Times.ZONE).minusMinutes(1).withSecond(30).withNano(0);
        String at = arrived.toString();
        as(TestTokens.volunteerToken("leader2", org, leaderTwo)).body(Map.of("volunteerId", member, "at", at))
                .post("/api/v1/volunteer/activities/" + activity + "/checkins").then().statusCode(403)
                .body("type", equalTo("/problems/not-team-leader"));
        as(TestTokens.volunteerToken("member", org, member)).body(Map.of("volunteerId", member, "at", at))
                .post("/api/v1/volunteer/activities/" + activity + "/checkins").then().statusCode(403);
        as(TestTokens.token("clerk", org, "staff")).body(Map.of("volunteerId", member, "at", at))
                .post("/api/v1/volunteer/activities/" + activity + "/checkins").then().statusCode(403);
        as(TestTokens.volunteerToken("leader1", org, leaderOne)).body(Map.of("volunteerId", member, "at", at))
                .post("/api/v1/volunteer/activities/" + activity + "/checkins").then().statusCode(200)
                .body("checkedInAt", equalTo(arrived.toString()));
        as(TestTokens.volunteerToken("leader1", org, leaderOne))
                .body(Map.of("volunteerId", member, "at", arrived.minusMinutes(5).toString()))
                .post("/api/v1/volunteer/activities/" + activity + "/checkouts").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        // someone without a seat cannot be checked in
        as(coord).body(Map.of("volunteerId", leaderTwo)).post("/api/v1/volunteer/activities/" + activity + "/checkins")
                .then().statusCode(409).body("type", equalTo("/problems/not-signed-up"));
    }

    /** Issue 29.2: no check-in, check-out or completion, and so no hours, for a shift that has not happened. */
    @Test
    void attendanceAndCompletionWaitForTheShift() {
        String coord = coordinator("ld.lsj.window");
        UUID place = community(coord, "小花社区");
        UUID v = volunteer(coord, "未来");
        UUID future = activity(coord, place, null, daysAhead(20, 9), daysAhead(20, 11), 5);
        signUp(coord, future, v, "CONFIRMED");
        as(coord).body(Map.of("volunteerId", v)).post("/api/v1/volunteer/activities/" + future + "/checkins").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/illegal-transition")).body("currentState", equalTo("SCHEDULED"));
        as(coord).body(Map.of("volunteerId", v, "at", daysAhead(20, 9).toString()))
                .post("/api/v1/volunteer/activities/" + future + "/checkins").then().statusCode(409)
                .body("currentState", equalTo("SCHEDULED"));
        as(coord).body(Map.of()).post("/api/v1/volunteer/activities/" + future + "/complete").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition")).body("currentState", equalTo("SCHEDULED"));

        OffsetDateTime start = soon(20);
        UUID running = activity(coord, place, null, start, start.plusHours(2), 5);
        UUID w = volunteer(coord, "现在");
        signUp(coord, running, w, "CONFIRMED");
        as(coord).body(Map.of("volunteerId", w, "at", "2030-01-01T10:00:00+08:00"))
                .post("/api/v1/volunteer/activities/" + running + "/checkins").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        as(coord).body(Map.of("volunteerId", w, "at", start.minusHours(2).toString()))
                .post("/api/v1/volunteer/activities/" + running + "/checkins").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        as(coord).body(Map.of("volunteerId", w)).post("/api/v1/volunteer/activities/" + running + "/checkouts")
                .then().statusCode(409).body("type", equalTo("/problems/not-checked-in"));
        as(coord).body(Map.of("volunteerId", w)).post("/api/v1/volunteer/activities/" + running + "/checkins").then()
                .statusCode(200);
        as(coord).body(Map.of("volunteerId", w, "at", start.plusHours(2).toString()))
                .post("/api/v1/volunteer/activities/" + running + "/checkouts").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        as(coord).body(Map.of("volunteerId", w)).post("/api/v1/volunteer/activities/" + running + "/checkouts").then()
                .statusCode(200);
        as(coord).body(Map.of("volunteerId", w)).post("/api/v1/volunteer/activities/" + running + "/checkouts").then()
                .statusCode(409).body("type", equalTo("/problems/already-checked-out"));
        as(coord).body(Map.of()).post("/api/v1/volunteer/activities/" + running + "/complete").then().statusCode(409)
                .body("currentState", equalTo("RUNNING"));
        as(coord).get("/api/v1/volunteer/volunteers/" + w + "/hours?year=" + start.getYear()).then().statusCode(200)
                .body("totalMinutes", equalTo(0));
    }

    /** A past shift's sign-in sheet, entered by a coordinator afterwards: audited, and only within the bound. */
    @Test
    void aCoordinatorRecordsAPastShiftsAttendanceAfterTheFact() {
        String org = "ld.lsj.sheet";
        String coord = coordinator(org);
        UUID place = community(coord, "小花社区");
        UUID v = volunteer(coord, "补录");
        OffsetDateTime start = OffsetDateTime.now(Times.ZONE).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime end = start.plusHours(2);
        UUID past = activity(coord, place, null, start, end, 1);
        as(coord).body(Map.of("volunteerId", v)).post("/api/v1/volunteer/activities/" + past + "/signups").then()
                .statusCode(409).body("type", equalTo("/problems/signup-closed"));
        Map<String, Object> sheet = Map.of("volunteerId", v, "checkedInAt", start.toString(), "checkedOutAt",
                end.toString(), "reason", "paper sign-in sheet");
        as(TestTokens.volunteerToken("sheet-self", org, v)).body(sheet)
                .post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(403);
        as(coord).body(Map.of("volunteerId", v, "checkedInAt", start.toString()))
                .post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(coord).body(Map.of("volunteerId", v, "checkedInAt", end.plusMinutes(5).toString(), "reason", "x"))
                .post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        as(coord).body(sheet).post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("checkedOutAt", notNullValue());
        as(coord).body(sheet).post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(409)
                .body("type", equalTo("/problems/already-checked-in"));
        // the one seat is taken
        as(coord).body(Map.of("volunteerId", volunteer(coord, "补录二"), "checkedInAt", start.toString(), "reason",
                "sheet")).post("/api/v1/volunteer/activities/" + past + "/attendance").then().statusCode(409)
                .body("type", equalTo("/problems/activity-full"));
        as(coord).body(Map.of()).post("/api/v1/volunteer/activities/" + past + "/complete").then().statusCode(200)
                .body("[0].minutes", equalTo(120));
        as(TestTokens.token("sheet-auditor", org, "auditor")).get("/api/v1/volunteer/audit?size=200").then()
                .statusCode(200).body("findAll { it.action == 'activity.attendance-recorded' && it.entityId == '"
                        + past + "' }.size()", equalTo(1));

        // a shift of long ago: only within the back-dating bound (%test widens it to ten years)
        UUID ancient = activity(coord, place, null, OffsetDateTime.parse("2000-03-04T09:00:00+08:00"),
                OffsetDateTime.parse("2000-03-04T11:00:00+08:00"), 5);
        as(coord).body(Map.of("volunteerId", v, "checkedInAt", "2000-03-04T09:00:00+08:00", "reason", "old sheet"))
                .post("/api/v1/volunteer/activities/" + ancient + "/attendance").then().statusCode(409)
                .body("type", equalTo("/problems/illegal-transition")).body("currentState", equalTo("ARCHIVED"));
        // a shift that has not ended is not recorded this way
        OffsetDateTime later = soon(180);
        UUID upcoming = activity(coord, place, null, later, later.plusHours(1), 5);
        as(coord).body(Map.of("volunteerId", v, "checkedInAt", start.toString(), "reason", "x"))
                .post("/api/v1/volunteer/activities/" + upcoming + "/attendance").then().statusCode(409)
                .body("currentState", equalTo("SCHEDULED"));
    }

    /**
     * Issue 29.3's repro: A (1 seat) and B overlap; x holds A, v waits on A and holds B. x leaves A: v stays
     * waiting (B blocks). v leaves B: v gets A's seat. A newcomer z then waits behind v.
     */
    @Test
    void aWaitingVolunteerIsPromotedWhenTheBlockingShiftIsLeftAndNoNewcomerJumpsTheQueue() {
        String org = "ld.lsj.queue";
        String coord = coordinator(org);
        UUID place = community(coord, "黄泥塘社区");
        UUID a = activity(coord, place, null, daysAhead(11, 9), daysAhead(11, 12), 1);
        UUID b = activity(coord, place, null, daysAhead(11, 10), daysAhead(11, 13), 5);
        UUID x = volunteer(coord, "先到");
        UUID v = volunteer(coord, "候补");
        UUID z = volunteer(coord, "新来");
        UUID xOnA = signUp(coord, a, x, "CONFIRMED");
        UUID vOnA = signUp(coord, a, v, "WAITLISTED");
        UUID vOnB = signUp(coord, b, v, "CONFIRMED");
        as(coord).delete("/api/v1/volunteer/activities/" + a + "/signups/" + xOnA).then().statusCode(200)
                .body("promoted", nullValue());
        as(coord).get("/api/v1/volunteer/activities/" + a).then().body("confirmed", equalTo(0))
                .body("waitlisted", equalTo(1));
        as(TestTokens.volunteerToken("queue-v", org, v)).delete("/api/v1/volunteer/activities/" + b + "/signups/"
                + vOnB).then().statusCode(200);
        as(coord).get("/api/v1/volunteer/activities/" + a).then().body("confirmed", equalTo(1))
                .body("waitlisted", equalTo(0))
                .body("signups.find { it.id == '" + vOnA + "' }.status", equalTo("CONFIRMED"));
        signUp(coord, a, z, "WAITLISTED");
    }

    @Test
    void recordsOfAnotherCountyAreNotFound() {
        String lsj = coordinator("ld.lsj.tenant");
        String lx = coordinator("ld.lx");
        UUID place = community(lsj, "小花社区");
        UUID v = volunteer(lsj, "庚");
        UUID t = team(lsj, "冷水江一队", v);
        UUID activity = activity(lsj, place, t, daysAhead(9, 9), daysAhead(9, 11), 3);
        UUID lxVolunteer = volunteer(lx, "辛");
        as(lx).get("/api/v1/volunteer/activities/" + activity).then().statusCode(404)
                .contentType("application/problem+json");
        as(lx).body(Map.of("volunteerId", lxVolunteer)).post("/api/v1/volunteer/activities/" + activity + "/signups")
                .then().statusCode(404);
        as(lx).get("/api/v1/volunteer/teams/" + t).then().statusCode(404);
        as(lx).get("/api/v1/volunteer/communities/" + place).then().statusCode(404);
        as(lx).get("/api/v1/volunteer/volunteers/" + v).then().statusCode(404);
        as(lx).get("/api/v1/volunteer/volunteers/" + v + "/hours?year=2027").then().statusCode(404);
        as(lx).accept("text/calendar").get("/api/v1/volunteer/teams/" + t + "/calendar.ics").then().statusCode(404);
        as(lx).get("/api/v1/volunteer/activities?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(activity.toString())));
        as(lx).get("/api/v1/volunteer/volunteers?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(v.toString())));
        // a team of ld.lsj cannot take a volunteer of ld.lx, and ld.lx cannot create records for ld.lsj
        as(lsj).body(Map.of("volunteerId", lxVolunteer)).post("/api/v1/volunteer/teams/" + t + "/members").then()
                .statusCode(400);
        as(lx).body(Map.of("name", "x", "orgCode", "ld.lsj.tenant")).post("/api/v1/volunteer/communities").then()
                .statusCode(403).body("type", equalTo("/problems/org-out-of-scope"));
        // the municipal federation sees its whole subtree
        as(coordinator("ld")).get("/api/v1/volunteer/activities/" + activity).then().statusCode(200)
                .body("teamId", equalTo(t.toString())).body("completedAt", nullValue());
    }

    @Test
    void invalidActivitiesAreProblemsNotServerErrors() {
        String coord = coordinator("ld.lsj.bad");
        UUID place = community(coord, "小花社区");
        as(coord).body(Map.of("title", "x", "kind", "PARTY", "communityId", place, "startsAt",
                daysAhead(2, 9).toString(), "endsAt", daysAhead(2, 10).toString(), "capacity", 3))
                .post("/api/v1/volunteer/activities").then().statusCode(400).contentType("application/problem+json");
        as(coord).body(Map.of("title", "x", "kind", "CLEANUP", "communityId", place, "startsAt",
                daysAhead(2, 9).toString(), "endsAt", daysAhead(2, 8).toString(), "capacity", 3))
                .post("/api/v1/volunteer/activities").then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
        as(coord).body(Map.of("title", "x", "kind", "CLEANUP", "communityId", place, "startsAt",
                daysAhead(2, 9).toString(), "endsAt", daysAhead(2, 10).toString(), "capacity", 0))
                .post("/api/v1/volunteer/activities").then().statusCode(400);
        as(coord).body(Map.of("title", "x", "kind", "CLEANUP", "communityId", UUID.randomUUID(), "startsAt",
                daysAhead(2, 9).toString(), "endsAt", daysAhead(2, 10).toString(), "capacity", 3))
                .post("/api/v1/volunteer/activities").then().statusCode(404);
        as(coord).get("/api/v1/volunteer/activities?status=NOPE").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(coord).get("/api/v1/volunteer/activities?from=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        as(coord).get("/api/v1/volunteer/activities?status=open&from=2000-01-01T00:00:00Z").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
