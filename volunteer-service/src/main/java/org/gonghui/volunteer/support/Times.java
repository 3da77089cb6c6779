package org.gonghui.volunteer.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The union works in Asia/Shanghai: weeks, years and calendars are reckoned there; the API answers in +08:00. */
public final class Times {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Times() {
    }

    public static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ZONE).toOffsetDateTime();
    }

    public static int yearOf(OffsetDateTime t) {
        return t.atZoneSameInstant(ZONE).getYear();
    }

    public static OffsetDateTime startOfYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}
