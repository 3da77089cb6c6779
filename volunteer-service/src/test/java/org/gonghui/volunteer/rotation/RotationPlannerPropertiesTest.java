package org.gonghui.volunteer.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.volunteer.rotation.RotationPlanner.Blackout;
import org.gonghui.volunteer.rotation.RotationPlanner.Input;
import org.gonghui.volunteer.rotation.RotationPlanner.Visit;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's rules checked over random inputs (seeded, so a failure names the seed that reproduces it); small ones
 * are compared with an exhaustive search.
 */
class RotationPlannerPropertiesTest {

    record Case(long seed, Input input) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + input.teams().size() + " teams, " + input.communities().size()
                    + " communities, " + input.weeks() + " weeks, " + input.blackouts().size() + " blackouts";
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyWeekGetsOneVisitOnTheWeekdayByAnAvailableTeam(Case c) {
        Input in = c.input();
        List<Visit> plan = plan(in);
        if (plan == null) {
            return;
        }
        assertEquals(in.weeks(), plan.size());
        for (Visit v : plan) {
            assertEquals(in.weekday(), v.date().getDayOfWeek());
            assertEquals(RotationPlanner.dateOf(in.firstWeek(), v.week(), in.weekday()), v.date());
            assertTrue(in.blackouts().stream().noneMatch(b -> b.covers(v.teamId(), v.date())), "blacked-out team planned");
        }
    }

    @ParameterizedTest
    @MethodSource("casesWithoutBlackouts")
    void withoutBlackoutsTeamsAndCommunitiesDifferByAtMostOne(Case c) {
        List<Visit> plan = RotationPlanner.plan(c.input());
        assertTrue(spread(countBy(plan, true, c.input().teams())) <= 1, "team counts uneven");
        assertTrue(spread(countBy(plan, false, c.input().communities())) <= 1, "community counts uneven");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void communitiesAreAlwaysEven(Case c) {
        List<Visit> plan = plan(c.input());
        if (plan != null) {
            assertTrue(spread(countBy(plan, false, c.input().communities())) <= 1, "community counts uneven");
        }
    }

    @ParameterizedTest
    @MethodSource("smallCases")
    void teamCountsAreAsEvenAsTheBlackoutsAllow(Case c) {
        List<Visit> plan = plan(c.input());
        if (plan == null) {
            return;
        }
        assertEquals(bestTeamSpread(c.input()), spread(countBy(plan, true, c.input().teams())));
    }

    @ParameterizedTest
    @MethodSource("smallCases")
    void noTeamRepeatsACommunityWhenAnEvenPlanWithoutRepeatsExists(Case c) {
        List<Visit> plan = plan(c.input());
        if (plan == null) {
            return;
        }
        int[] teamOf = plan.stream().mapToInt(v -> c.input().teams().indexOf(v.teamId())).toArray();
        if (repeatFreeEvenPlanExists(teamOf, c.input().communities().size())) {
            assertEquals(0, repeats(plan));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theSameInputGivesTheSamePlan(Case c) {
        List<Visit> first = plan(c.input());
        if (first != null) {
            assertEquals(first, RotationPlanner.plan(c.input()));
        }
    }

    private static List<Visit> plan(Input in) {
        try {
            return RotationPlanner.plan(in);
        } catch (RotationPlanner.NoTeamAvailable e) {
            LocalDate day = e.date;
            // only acceptable when every team really is blacked out that day
            assertTrue(in.teams().stream().allMatch(t -> in.blackouts().stream().anyMatch(b -> b.covers(t, day))));
            return null;
        }
    }

    static Map<UUID, Integer> countBy(List<Visit> plan, boolean byTeam, List<UUID> keys) {
        Map<UUID, Integer> counts = new HashMap<>();
        keys.forEach(k -> counts.put(k, 0));
        plan.forEach(v -> counts.merge(byTeam ? v.teamId() : v.communityId(), 1, Integer::sum));
        return counts;
    }

    static int spread(Map<UUID, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                - counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /** Consecutive visits of one team to the same community. */
    static int repeats(List<Visit> plan) {
        Map<UUID, UUID> last = new HashMap<>();
        int repeats = 0;
        for (Visit v : plan) {
            if (v.communityId().equals(last.put(v.teamId(), v.communityId()))) {
                repeats++;
            }
        }
        return repeats;
    }

    /** Exhaustive: the smallest team-count spread any assignment of available teams to weeks achieves. */
    private static int bestTeamSpread(Input in) {
        int weeks = in.weeks();
        int teams = in.teams().size();
        List<List<Integer>> options = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            LocalDate date = RotationPlanner.dateOf(in.firstWeek(), w, in.weekday());
            List<Integer> available = new ArrayList<>();
            for (int t = 0; t < teams; t++) {
                UUID team = in.teams().get(t);
                if (in.blackouts().stream().noneMatch(b -> b.covers(team, date))) {
                    available.add(t);
                }
            }
            options.add(available);
        }
        return bestSpread(options, 0, new int[teams]);
    }

    private static int bestSpread(List<List<Integer>> options, int week, int[] counts) {
        if (week == options.size()) {
            int max = Integer.MIN_VALUE;
            int min = Integer.MAX_VALUE;
            for (int c : counts) {
                max = Math.max(max, c);
                min = Math.min(min, c);
            }
            return max - min;
        }
        int best = Integer.MAX_VALUE;
        for (int t : options.get(week)) {
            counts[t]++;
            best = Math.min(best, bestSpread(options, week + 1, counts));
            counts[t]--;
        }
        return best;
    }

    /** Exhaustive: some community sequence is even (spread <= 1) and has no team visiting a community twice running. */
    private static boolean repeatFreeEvenPlanExists(int[] teamOf, int communities) {
        return search(teamOf, communities, 0, new int[teamOf.length], new int[communities]);
    }

    private static boolean search(int[] teamOf, int communities, int week, int[] chosen, int[] counts) {
        if (week == teamOf.length) {
            int max = 0;
            int min = Integer.MAX_VALUE;
            for (int c : counts) {
                max = Math.max(max, c);
                min = Math.min(min, c);
            }
            return max - min <= 1;
        }
        int previous = -1;
        for (int earlier = week - 1; earlier >= 0; earlier--) {
            if (teamOf[earlier] == teamOf[week]) {
                previous = chosen[earlier];
                break;
            }
        }
        for (int c = 0; c < communities; c++) {
            if (c == previous || counts[c] > teamOf.length / communities) {
                continue;
            }
            chosen[week] = c;
            counts[c]++;
            boolean found = search(teamOf, communities, week + 1, chosen, counts);
            counts[c]--;
            if (found) {
                return true;
            }
        }
        return false;
    }

    static Stream<Case> cases() {
        return randomCases(1, 300, 1, 8, 1, 4, 1, 30, 4);
    }

    static Stream<Case> casesWithoutBlackouts() {
        return randomCases(2, 300, 1, 10, 1, 5, 1, 52, 0);
    }

    static Stream<Case> smallCases() {
        return randomCases(3, 200, 1, 4, 1, 3, 1, 7, 3);
    }

    private static Stream<Case> randomCases(long stream, int count, int minTeams, int maxTeams, int minCommunities,
            int maxCommunities, int minWeeks, int maxWeeks, int maxBlackouts) {
        return IntStream.range(0, count).mapToObj(i -> {
            long seed = stream * 1_000_003L + i;
            Random random = new Random(seed);
            int t = between(random, minTeams, maxTeams);
            int c = between(random, minCommunities, maxCommunities);
            int w = between(random, minWeeks, maxWeeks);
            DayOfWeek day = DayOfWeek.of(between(random, 1, 7));
            LocalDate first = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3001));
            List<UUID> teams = ids("team", t);
            List<UUID> communities = ids("community", c);
            List<Blackout> blackouts = new ArrayList<>();
            int blackoutCount = maxBlackouts == 0 ? 0 : random.nextInt(maxBlackouts + 1);
            for (int b = 0; b < blackoutCount; b++) {
                LocalDate from = first.plusDays(random.nextInt(w * 7 + 7));
                blackouts.add(new Blackout(teams.get(random.nextInt(t)), from, from.plusDays(random.nextInt(21))));
            }
            return new Case(seed, new Input(teams, communities, first, w, day, blackouts));
        });
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    static List<UUID> ids(String prefix, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.nameUUIDFromBytes((prefix + i).getBytes()));
        }
        return ids;
    }
}
