package org.gonghui.volunteer.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.volunteer.rotation.RotationPlanner.Blackout;
import org.gonghui.volunteer.rotation.RotationPlanner.Input;
import org.gonghui.volunteer.rotation.RotationPlanner.Visit;
import org.junit.jupiter.api.Test;

class RotationPlannerTest {

    private static final List<UUID> SEVEN_TEAMS = RotationPlannerPropertiesTest.ids("team", 7);
    private static final List<UUID> TWO_COMMUNITIES = RotationPlannerPropertiesTest.ids("community", 2);

    /** Seven leaders' teams, 小花社区 and 黄泥塘社区, eight Saturdays from 2027-03-01; team 3 away for two weeks. */
    @Test
    void sevenTeamsTwoCommunitiesEightWeeksWithOneTeamBlackedOutForTwoWeeks() {
        LocalDate first = LocalDate.of(2027, 3, 1);
        UUID away = SEVEN_TEAMS.get(2);
        // weeks 3 and 4 (0-based 2 and 3): Saturdays 2027-03-13 and 2027-03-20
        Blackout blackout = new Blackout(away, LocalDate.of(2027, 3, 13), LocalDate.of(2027, 3, 20));
        List<Visit> plan = RotationPlanner.plan(new Input(SEVEN_TEAMS, TWO_COMMUNITIES, first, 8,
                DayOfWeek.SATURDAY, List.of(blackout)));

        assertEquals(8, plan.size());
        for (int w = 0; w < 8; w++) {
            assertEquals(LocalDate.of(2027, 3, 6).plusWeeks(w), plan.get(w).date());
        }
        assertTrue(plan.stream().noneMatch(v -> v.teamId().equals(away) && blackout.covers(away, v.date())));
        Map<UUID, Integer> perTeam = RotationPlannerPropertiesTest.countBy(plan, true, SEVEN_TEAMS);
        assertTrue(perTeam.values().stream().allMatch(n -> n == 1 || n == 2), perTeam.toString());
        assertEquals(1, perTeam.values().stream().filter(n -> n == 2).count());
        Map<UUID, Integer> perCommunity = RotationPlannerPropertiesTest.countBy(plan, false, TWO_COMMUNITIES);
        assertEquals(Map.of(TWO_COMMUNITIES.get(0), 4, TWO_COMMUNITIES.get(1), 4), perCommunity);
        assertEquals(0, RotationPlannerPropertiesTest.repeats(plan));
        Map<UUID, UUID> firstCommunity = new HashMap<>();
        for (Visit v : plan) {
            UUID before = firstCommunity.putIfAbsent(v.teamId(), v.communityId());
            if (before != null) {
                assertNotEquals(before, v.communityId(), "the team that goes twice sees both communities");
            }
        }
        // no team takes two weeks in a row: teams take turns
        for (int w = 1; w < 8; w++) {
            assertNotEquals(plan.get(w - 1).teamId(), plan.get(w).teamId());
        }
    }

    @Test
    void aWeekWithEveryTeamBlackedOutIsRefused() {
        List<UUID> teams = SEVEN_TEAMS.subList(0, 2);
        LocalDate day = LocalDate.of(2027, 3, 6);
        var e = assertThrows(RotationPlanner.NoTeamAvailable.class, () -> RotationPlanner.plan(new Input(teams,
                TWO_COMMUNITIES, day, 3, DayOfWeek.SATURDAY,
                List.of(new Blackout(teams.get(0), day, day), new Blackout(teams.get(1), day, day)))));
        assertEquals(day, e.date);
    }
}
