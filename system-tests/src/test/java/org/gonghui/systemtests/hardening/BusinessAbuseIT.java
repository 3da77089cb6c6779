package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gonghui.systemtests.RunningSuite;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 11, business-flow abuse (OWASP API6) through the gateway: sign-up/cancel loops and a burst of parallel
 * sign-ups keep seats consistent; objection spam on the public notice endpoint is throttled even when the client
 * forges X-Forwarded-For; an Idempotency-Key reused with another body is refused; a used refresh token replayed
 * revokes its family.
 */
class BusinessAbuseIT {

    @Test
    void signUpAndCancelLoopsAndParallelSignUpsKeepTheSeatsConsistent() throws Exception {
        String coordinator = Actors.token("abuse-coord", "ld.lsj", "coordinator");
        String community = Wire.json("POST", "/api/v1/volunteer/communities", coordinator, Map.of("name",
                "abuse-" + Actors.RUN, "orgCode", "ld.lsj", "address", "2 Steel Rd")).json().path("id").asText();
        JsonNode activity = Wire.json("POST", "/api/v1/volunteer/activities", coordinator, Map.of("title",
                "abuse loop " + Actors.RUN, "kind", "CLEANUP", "communityId", community, "startsAt",
                "2027-03-01T09:00:00+08:00", "endsAt", "2027-03-01T11:00:00+08:00", "capacity", 1, "orgCode", "ld.lsj"))
                .json();
        String activityId = activity.path("id").asText();
        String[] first = Actors.volunteer(coordinator, "abuse-v1", "ld.lsj");
        String[] second = Actors.volunteer(coordinator, "abuse-v2", "ld.lsj");

        for (int i = 0; i < 25; i++) {
            Wire.Answer up = Wire.json("POST", "/api/v1/volunteer/activities/" + activityId + "/signups", first[1],
                    Map.of("volunteerId", first[0]));
            assertEquals(201, up.status(), "round " + i + ": " + up);
            assertEquals("CONFIRMED", up.json().path("status").asText(), up.toString());
            Wire.Answer down = Wire.gateway("DELETE", "/api/v1/volunteer/activities/" + activityId + "/signups/"
                    + up.json().path("id").asText(), first[1], null, null);
            assertEquals(200, down.status(), "round " + i + ": " + down);
            Wire.Answer again = Wire.gateway("DELETE", "/api/v1/volunteer/activities/" + activityId + "/signups/"
                    + up.json().path("id").asText(), first[1], null, null);
            assertTrue(again.is4xx() && again.problemDefect() == null, "a cancelled sign-up cancelled twice: " + again);
        }

        // the same volunteer sends 12 sign-ups at once: one seat, never two
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Wire.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> Wire.json("POST", "/api/v1/volunteer/activities/" + activityId
                        + "/signups", first[1], Map.of("volunteerId", first[0]))));
            }
            int created = 0;
            for (Future<Wire.Answer> f : answers) {
                Wire.Answer a = f.get();
                assertTrue(a.status() == 201 || a.status() == 409, a.toString());
                assertNull(a.problemDefect(), a.toString());
                created += a.status() == 201 ? 1 : 0;
            }
            assertEquals(1, created, "parallel sign-ups of one volunteer created " + created + " seats");
        } finally {
            pool.shutdownNow();
        }
        Wire.Answer waitlisted = Wire.json("POST", "/api/v1/volunteer/activities/" + activityId + "/signups",
                second[1], Map.of("volunteerId", second[0]));
        assertEquals("WAITLISTED", waitlisted.json().path("status").asText(), waitlisted.toString());
        // a volunteer may not sign someone else up
        Wire.Answer forOther = Wire.json("POST", "/api/v1/volunteer/activities/" + activityId + "/signups",
                second[1], Map.of("volunteerId", first[0]));
        assertTrue(forOther.status() == 403 || forOther.status() == 404, forOther.toString());

        JsonNode state = Wire.gateway("GET", "/api/v1/volunteer/activities/" + activityId, coordinator, null, null).json();
        assertEquals(1, state.path("confirmed").asInt(), state.toString());
        assertEquals(1, state.path("waitlisted").asInt(), state.toString());
    }

    /**
     * Five objections per client address per hour. The gateway must not let a client pick its own address with
     * X-Forwarded-For: here every attempt claims another one and the sixth is still throttled.
     */
    @Test
    void objectionSpamIsThrottledEvenWithForgedForwardedFor() {
        int allowed = 0;
        Wire.Answer last = null;
        for (int i = 0; i < 8; i++) {
            String forged = "203.0.113." + (i + 1);
            last = Wire.send(RunningSuite.GATEWAY, "POST", "/api/v1/honors/nominations/" + UUID.randomUUID()
                    + "/objections", null, "application/json",
                    ("{\"reason\":\"spam objection number " + i + "\",\"contact\":\"x\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("X-Forwarded-For", forged, "X-Real-IP", forged, "Forwarded", "for=" + forged));
            assertNull(last.problemDefect(), last.toString());
            if (last.status() != 429) {
                assertEquals(404, last.status(), "an objection to an unknown nomination: " + last);
                allowed++;
            }
        }
        assertTrue(allowed <= 5, allowed + " objections from one client passed the throttle (max 5 per hour)");
        assertEquals(429, last.status(), last.toString());
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsRefused() {
        String admin = RunningSuite.adminToken();
        String key = "abuse-" + UUID.randomUUID();
        String name = "Abuse Idem " + Actors.RUN;
        byte[] body = ("[{\"awardCode\":\"loudi-craftsman\",\"year\":2024,\"name\":\"" + name
                + "\",\"unitName\":\"Steel Works\",\"orgCode\":\"ld.lsj\"}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> idem = Map.of("Idempotency-Key", key);
        Wire.Answer first = Wire.send(RunningSuite.GATEWAY, "POST", "/api/v1/honors/honors/import", admin,
                "application/json", body, idem);
        assertEquals(200, first.status(), first.toString());
        assertEquals(1, first.json().path("accepted").asInt(), first.toString());
        Wire.Answer replay = Wire.send(RunningSuite.GATEWAY, "POST", "/api/v1/honors/honors/import", admin,
                "application/json", body, idem);
        assertEquals(first.status(), replay.status());
        assertEquals(first.json(), replay.json(), "the same key and body must return the first answer");
        byte[] other = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("2024", "2023")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Wire.Answer reused = Wire.send(RunningSuite.GATEWAY, "POST", "/api/v1/honors/honors/import", admin,
                "application/json", other, idem);
        assertEquals(422, reused.status(), reused.toString());
        assertNull(reused.problemDefect(), reused.toString());
        JsonNode honors = Wire.gateway("GET", "/api/v1/honors/honors?award=loudi-craftsman&orgCode=ld.lsj&size=200&includeRevoked=true",
                admin, null, null).json();
        long mine = 0;
        for (JsonNode h : honors.path("items")) {
            mine += name.equals(h.path("name").asText()) ? 1 : 0;
        }
        assertEquals(1, mine, "one import under one key must create one honor");
    }

    @Test
    void aReplayedRefreshTokenRevokesTheWholeFamily() {
        Actors.Login login = Actors.account("abuse-refresh", "ld.lsj", List.of("staff"), null);
        Wire.Answer rotated = Wire.json("POST", "/auth/refresh", null, Map.of("refreshToken", login.refreshToken()));
        assertEquals(200, rotated.status(), rotated.toString());
        String next = rotated.json().path("refreshToken").asText();
        Ledger.secret(next);
        Ledger.secret(rotated.json().path("accessToken").asText());
        Wire.Answer replayed = Wire.json("POST", "/auth/refresh", null, Map.of("refreshToken", login.refreshToken()));
        assertEquals(401, replayed.status(), replayed.toString());
        assertNull(replayed.problemDefect(), replayed.toString());
        Wire.Answer family = Wire.json("POST", "/auth/refresh", null, Map.of("refreshToken", next));
        assertEquals(401, family.status(), "the rotated token must die with its family: " + family);
    }
}
