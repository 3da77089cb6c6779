package org.gonghui.volunteer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Issue 29.3: the waitlist is served first, in arrival order, skipping only who cannot take the seat now. */
class ShiftSeatsTest {

    @Test
    void freeSeatsGoToTheFirstEligibleInArrivalOrder() {
        List<String> asked = new ArrayList<>();
        List<String> promoted = ShiftSeats.promote(5, 3, List.of("a", "b", "c", "d"), w -> {
            asked.add(w);
            return !w.equals("a");
        });
        assertEquals(List.of("b", "c"), promoted, "a is blocked and keeps its place; b and c fill the two seats");
        assertEquals(List.of("a", "b", "c"), asked, "d is never asked (no seat left for it)");
        assertEquals(List.of(), ShiftSeats.promote(2, 2, List.of("a"), w -> true), "no seat free");
        assertEquals(List.of(), ShiftSeats.promote(2, 3, List.of("a"), w -> true), "over capacity (never negative)");
    }

    /**
     * The issue's repro: A (1 seat) and B overlap; x holds A, v waits on A #1 and holds B. x leaves A: v is blocked
     * by B. v leaves B: v gets A. A newcomer z then waits, never ahead of v.
     */
    @Test
    void theIssuesReproPromotesVOnceBStopsBlockingAndTheNewcomerWaits() {
        Set<String> holdsOverlappingShift = new java.util.HashSet<>(Set.of("v"));
        // x leaves A: 0 confirmed, v waits but is blocked
        List<String> first = ShiftSeats.promote(1, 0, List.of("v"), w -> !holdsOverlappingShift.contains(w));
        assertEquals(List.of(), first);
        // a newcomer arriving now takes the seat: nobody eligible waits
        assertEquals(Signup.Status.CONFIRMED, ShiftSeats.newcomer(1, 0));
        // v leaves B: A's waitlist is re-evaluated and v is confirmed
        holdsOverlappingShift.remove("v");
        List<String> second = ShiftSeats.promote(1, 0, List.of("v"), w -> !holdsOverlappingShift.contains(w));
        assertEquals(List.of("v"), second);
        // z signs up: the seat is v's, so z waits
        assertEquals(Signup.Status.WAITLISTED, ShiftSeats.newcomer(1, 0 + second.size()));
    }
}
