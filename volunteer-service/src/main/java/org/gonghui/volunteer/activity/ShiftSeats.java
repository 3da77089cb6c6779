package org.gonghui.volunteer.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who gets a shift's free seats (issue 29.3): the waitlist in arrival order, skipping only those who cannot take a
 * seat now (they hold an overlapping confirmed shift), and a newcomer only after every eligible waiting person.
 * Callers run {@link #promote} whenever a seat may have become free or usable: after a cancellation on the shift,
 * after a waiting person left an overlapping shift, and before placing a newcomer.
 */
public final class ShiftSeats {

    private ShiftSeats() {
    }

    /**
     * The waiting sign-ups to confirm, in arrival order. {@code eligible} is asked lazily, only while seats are free
     * (it may lock and query), and never for more candidates than needed.
     */
    public static <T> List<T> promote(int capacity, long confirmed, List<T> waitlist, Predicate<T> eligible) {
        List<T> promoted = new ArrayList<>();
        long free = capacity - confirmed;
        for (T candidate : waitlist) {
            if (promoted.size() >= free) {
                break;
            }
            if (eligible.test(candidate)) {
                promoted.add(candidate);
            }
        }
        return promoted;
    }

    /** A newcomer's seat: confirmed only when a seat is still free after {@link #promote} served the waitlist. */
    public static Signup.Status newcomer(int capacity, long confirmedAfterPromotions) {
        return confirmedAfterPromotions < capacity ? Signup.Status.CONFIRMED : Signup.Status.WAITLISTED;
    }
}
