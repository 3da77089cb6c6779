package org.gonghui.volunteer.activity;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.volunteer.support.Times;

/**
 * When attendance can be recorded, so that no hours are credited for a shift that has not happened (issue 29.2).
 * Seen from a moment {@code now}, a shift is in one {@link Phase}; check-in and check-out are taken while it is
 * {@code RUNNING} or just {@code ENDED}, with times that are not in the future and lie within the shift's window;
 * completion only once it has ended; a coordinator's record after the fact only for a shift that ended, and not
 * longer ago than {@code recordWithin}.
 */
public record AttendanceWindow(Duration opensBefore, Duration closesAfter, Duration recordWithin) {

    public enum Phase {
        /** Attendance not open yet: more than {@code opensBefore} before the start. */
        SCHEDULED,
        /** From {@code opensBefore} before the start until the end. */
        RUNNING,
        /** Ended less than {@code closesAfter} ago: attendance still taken, completion possible. */
        ENDED,
        /** Attendance closed; a coordinator may still record it after the fact, and complete. */
        CLOSED,
        /** Ended longer than {@code recordWithin} ago: only completion. */
        ARCHIVED
    }

    public Phase phase(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime now) {
        if (now.isBefore(startsAt.minus(opensBefore))) {
            return Phase.SCHEDULED;
        }
        if (now.isBefore(endsAt)) {
            return Phase.RUNNING;
        }
        if (!now.isAfter(endsAt.plus(closesAfter))) {
            return Phase.ENDED;
        }
        return now.isAfter(endsAt.plus(recordWithin)) ? Phase.ARCHIVED : Phase.CLOSED;
    }

    /** The check-in time to store: {@code at} (or now) between the window's opening and the shift's end, not ahead. */
    public OffsetDateTime checkIn(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime at,
            OffsetDateTime now) {
        requirePhase(startsAt, endsAt, now, "record a check-in", Phase.RUNNING, Phase.ENDED);
        return checkInTime(startsAt, endsAt, at, now);
    }

    /** The check-out time to store: {@code at} (or now) after the check-in, at most {@code closesAfter} past the end. */
    public OffsetDateTime checkOut(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime checkedInAt,
            OffsetDateTime at, OffsetDateTime now) {
        requirePhase(startsAt, endsAt, now, "record a check-out", Phase.RUNNING, Phase.ENDED);
        return checkOutTime(endsAt, checkedInAt, at, now);
    }

    /** A coordinator's record of a past shift's attendance: both times given, the shift ended within the bound. */
    public void requireRecordableAfterTheFact(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime now) {
        requirePhase(startsAt, endsAt, now, "record attendance after the fact (the shift must have ended, at most "
                + recordWithin.toDays() + " days ago)", Phase.ENDED, Phase.CLOSED);
    }

    public OffsetDateTime checkInTime(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime at,
            OffsetDateTime now) {
        OffsetDateTime time = at != null ? at : now;
        notAhead(time, now, "at");
        OffsetDateTime opens = startsAt.minus(opensBefore);
        if (time.isBefore(opens) || !time.isBefore(endsAt)) {
            throw ProblemException.invalidField("at", "a check-in lies between " + Times.local(opens) + " and the end "
                    + Times.local(endsAt));
        }
        return time;
    }

    public OffsetDateTime checkOutTime(OffsetDateTime endsAt, OffsetDateTime checkedInAt, OffsetDateTime at,
            OffsetDateTime now) {
        OffsetDateTime time = at != null ? at : now;
        notAhead(time, now, "at");
        if (time.isBefore(checkedInAt)) {
            throw ProblemException.invalidField("at", "must not be before the check-in at "
                    + Times.local(checkedInAt));
        }
        OffsetDateTime closes = endsAt.plus(closesAfter);
        if (time.isAfter(closes)) {
            throw ProblemException.invalidField("at", "a check-out lies before " + Times.local(closes));
        }
        return time;
    }

    /** Completion credits hours: only once the shift has ended. */
    public void requireCompletable(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime now) {
        requirePhase(startsAt, endsAt, now, "complete before the shift ends at " + Times.local(endsAt), Phase.ENDED,
                Phase.CLOSED, Phase.ARCHIVED);
    }

    private void requirePhase(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime now, String action,
            Phase... allowed) {
        Phase phase = phase(startsAt, endsAt, now);
        for (Phase p : allowed) {
            if (p == phase) {
                return;
            }
        }
        throw ProblemException.illegalTransition("Activity", phase, action);
    }

    private static void notAhead(OffsetDateTime time, OffsetDateTime now, String field) {
        if (time.isAfter(now)) {
            throw ProblemException.invalidField(field, "must not be in the future");
        }
    }
}
