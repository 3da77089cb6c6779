package org.gonghui.volunteer.hours;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The one place where attendance becomes credited minutes: from check-in to check-out, rounded to the nearest
 * 15 minutes (7.5 minutes and more round up), capped at the shift length (itself rounded down to 15 minutes).
 * A missing check-out counts until the shift's end; no check-in counts nothing.
 */
public final class HoursRule {

    public static final int STEP_MINUTES = 15;
    public static final int MAX_MINUTES = 24 * 60;

    private HoursRule() {
    }

    public static int creditedMinutes(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime checkIn,
            OffsetDateTime checkOut) {
        if (checkIn == null) {
            return 0;
        }
        OffsetDateTime out = checkOut != null ? checkOut : endsAt;
        long seconds = Math.max(0, Duration.between(checkIn, out).getSeconds());
        long stepSeconds = STEP_MINUTES * 60L;
        long rounded = (seconds + stepSeconds / 2) / stepSeconds * STEP_MINUTES;
        return (int) Math.min(rounded, capMinutes(startsAt, endsAt));
    }

    /** The shift length in whole 15-minute steps, at most a day. */
    public static int capMinutes(OffsetDateTime startsAt, OffsetDateTime endsAt) {
        long shift = Math.max(0, Duration.between(startsAt, endsAt).toMinutes());
        return (int) Math.min(MAX_MINUTES, shift / STEP_MINUTES * STEP_MINUTES);
    }

    public static boolean isValidOverride(int minutes) {
        return minutes >= 0 && minutes <= MAX_MINUTES && minutes % STEP_MINUTES == 0;
    }
}
