package org.gonghui.volunteer.rotation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Plans one visit per week: which team goes to which community. Pure and deterministic (same input, same plan).
 * <ol>
 * <li>Teams: each week goes to an available team (not blacked out that day) with the fewest visits so far, then the
 * one that went longest ago, then input order; then visits are moved along alternating paths while some team has two
 * visits more than another that could take one of its weeks, which makes the counts as even as blackouts permit
 * (they differ by at most 1 without blackouts).</li>
 * <li>Communities: used as evenly as possible (counts differ by at most 1), and a team does not visit the community
 * of its previous visit when an even plan without such a repeat exists (depth-first search with a step budget;
 * beyond it, repeats are only taken where the greedy choice has no other even option).</li>
 * </ol>
 */
public final class RotationPlanner {

    /** Steps of the search for a repeat-free community plan before settling for the greedy one. */
    static final int SEARCH_BUDGET = 200_000;

    public record Blackout(UUID teamId, LocalDate from, LocalDate to) {
        boolean covers(UUID team, LocalDate date) {
            return teamId.equals(team) && !date.isBefore(from) && !date.isAfter(to);
        }
    }

    public record Input(List<UUID> teams, List<UUID> communities, LocalDate firstWeek, int weeks, DayOfWeek weekday,
            List<Blackout> blackouts) {
        public Input {
            teams = List.copyOf(teams);
            communities = List.copyOf(communities);
            blackouts = blackouts == null ? List.of() : List.copyOf(blackouts);
            Objects.requireNonNull(firstWeek);
            Objects.requireNonNull(weekday);
        }
    }

    /** @param week 0-based week number of the plan */
    public record Visit(int week, LocalDate date, UUID teamId, UUID communityId) {
    }

    /** A week on which every team is blacked out. */
    public static final class NoTeamAvailable extends RuntimeException {
        public final LocalDate date;

        NoTeamAvailable(LocalDate date) {
            super("no team is available on " + date);
            this.date = date;
        }
    }

    private RotationPlanner() {
    }

    /** The date of the visit in week {@code week}: weeks start on Monday. */
    public static LocalDate dateOf(LocalDate firstWeek, int week, DayOfWeek weekday) {
        return firstWeek.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(week)
                .plusDays(weekday.getValue() - 1L);
    }

    public static List<Visit> plan(Input in) {
        if (in.teams().isEmpty() || in.communities().isEmpty() || in.weeks() < 1) {
            throw new IllegalArgumentException("need at least one team, one community and one week");
        }
        int weeks = in.weeks();
        int teamCount = in.teams().size();
        LocalDate[] dates = new LocalDate[weeks];
        boolean[][] available = new boolean[weeks][teamCount];
        for (int w = 0; w < weeks; w++) {
            dates[w] = dateOf(in.firstWeek(), w, in.weekday());
            boolean any = false;
            for (int t = 0; t < teamCount; t++) {
                UUID team = in.teams().get(t);
                LocalDate date = dates[w];
                available[w][t] = in.blackouts().stream().noneMatch(b -> b.covers(team, date));
                any |= available[w][t];
            }
            if (!any) {
                throw new NoTeamAvailable(dates[w]);
            }
        }
        int[] teamOf = assignTeams(available, teamCount);
        int[] communityOf = assignCommunities(teamOf, in.communities().size());
        List<Visit> plan = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            plan.add(new Visit(w, dates[w], in.teams().get(teamOf[w]), in.communities().get(communityOf[w])));
        }
        return plan;
    }

    static int[] assignTeams(boolean[][] available, int teamCount) {
        int weeks = available.length;
        int[] teamOf = new int[weeks];
        int[] count = new int[teamCount];
        int[] last = new int[teamCount];
        Arrays.fill(last, -1);
        for (int w = 0; w < weeks; w++) {
            int best = -1;
            for (int t = 0; t < teamCount; t++) {
                if (available[w][t] && (best < 0 || count[t] < count[best]
                        || (count[t] == count[best] && last[t] < last[best]))) {
                    best = t;
                }
            }
            teamOf[w] = best;
            count[best]++;
            last[best] = w;
        }
        while (moveAlongPath(available, teamOf, count)) {
            // each move lowers a higher count and raises a lower one; the sum of squares falls, so this ends
        }
        return teamOf;
    }

    /**
     * Finds a team X and a chain of week hand-overs X -> ... -> Y (each week goes to a team available that day)
     * with count(Y) <= count(X) - 2 and applies it.
     */
    private static boolean moveAlongPath(boolean[][] available, int[] teamOf, int[] count) {
        int teamCount = count.length;
        Integer[] order = new Integer[teamCount];
        for (int t = 0; t < teamCount; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> count[b] != count[a] ? count[b] - count[a] : a - b);
        for (int source : order) {
            int[] viaWeek = new int[teamCount];
            int[] parent = new int[teamCount];
            Arrays.fill(parent, -2);
            parent[source] = -1;
            Deque<Integer> queue = new ArrayDeque<>(List.of(source));
            int target = -1;
            while (!queue.isEmpty()) {
                int x = queue.poll();
                for (int w = 0; w < teamOf.length; w++) {
                    if (teamOf[w] != x) {
                        continue;
                    }
                    for (int y = 0; y < teamCount; y++) {
                        if (parent[y] == -2 && available[w][y]) {
                            parent[y] = x;
                            viaWeek[y] = w;
                            queue.add(y);
                            if (count[y] <= count[source] - 2 && (target < 0 || count[y] < count[target])) {
                                target = y;
                            }
                        }
                    }
                }
            }
            if (target >= 0) {
                for (int y = target; parent[y] != -1; y = parent[y]) {
                    teamOf[viaWeek[y]] = y;
                }
                count[source]--;
                count[target]++;
                return true;
            }
        }
        return false;
    }

    static int[] assignCommunities(int[] teamOf, int communityCount) {
        CommunitySearch strict = new CommunitySearch(teamOf, communityCount, false);
        if (strict.run()) {
            return strict.result;
        }
        CommunitySearch relaxed = new CommunitySearch(teamOf, communityCount, true);
        if (!relaxed.run()) {
            throw new IllegalStateException("even community plan not found"); // cannot happen: counts alone are always satisfiable
        }
        return relaxed.result;
    }

    /** Depth-first search over weeks for an even community plan, preferring the least used, least recent community. */
    private static final class CommunitySearch {
        final int[] teamOf;
        final int communities;
        final boolean allowRepeats;
        final int base;
        final int extra; // how many communities get one visit more than base
        final int[] result;
        final int[] count;
        final int[] lastWeek;
        int atCeiling;
        int steps;

        CommunitySearch(int[] teamOf, int communities, boolean allowRepeats) {
            this.teamOf = teamOf;
            this.communities = communities;
            this.allowRepeats = allowRepeats;
            this.base = teamOf.length / communities;
            this.extra = teamOf.length % communities;
            this.result = new int[teamOf.length];
            this.count = new int[communities];
            this.lastWeek = new int[communities];
            Arrays.fill(lastWeek, -1);
        }

        boolean run() {
            return place(0);
        }

        private boolean place(int w) {
            if (w == teamOf.length) {
                return true;
            }
            if (++steps > SEARCH_BUDGET && !allowRepeats) {
                return false;
            }
            int previous = previousCommunityOfTeam(w);
            for (int c : candidates(previous)) {
                boolean toCeiling = count[c] == base;
                if (count[c] > base || (toCeiling && atCeiling >= extra)) {
                    continue;
                }
                if (c == previous && !allowRepeats && communities > 1) {
                    continue;
                }
                int savedLast = lastWeek[c];
                count[c]++;
                atCeiling += toCeiling ? 1 : 0;
                lastWeek[c] = w;
                result[w] = c;
                if (stillEvenable(w + 1) && place(w + 1)) {
                    return true;
                }
                count[c]--;
                atCeiling -= toCeiling ? 1 : 0;
                lastWeek[c] = savedLast;
                if (steps > SEARCH_BUDGET && !allowRepeats) {
                    return false;
                }
            }
            return false;
        }

        /** Least used first, then least recently used, then input order; in relaxed mode a repeat comes last. */
        private List<Integer> candidates(int previous) {
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < communities; c++) {
                order.add(c);
            }
            order.sort((a, b) -> {
                if ((a == previous) != (b == previous)) {
                    return a == previous ? 1 : -1;
                }
                if (count[a] != count[b]) {
                    return count[a] - count[b];
                }
                return lastWeek[a] != lastWeek[b] ? lastWeek[a] - lastWeek[b] : a - b;
            });
            return order;
        }

        /** The remaining weeks can still lift every community to {@code base}. */
        private boolean stillEvenable(int nextWeek) {
            int missing = 0;
            for (int c = 0; c < communities; c++) {
                missing += Math.max(0, base - count[c]);
            }
            return missing <= teamOf.length - nextWeek;
        }

        private int previousCommunityOfTeam(int w) {
            for (int earlier = w - 1; earlier >= 0; earlier--) {
                if (teamOf[earlier] == teamOf[w]) {
                    return result[earlier];
                }
            }
            return -1;
        }
    }
}
