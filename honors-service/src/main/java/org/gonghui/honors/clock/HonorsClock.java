package org.gonghui.honors.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's notion of "now" and "today" (Asia/Shanghai, the calendar of nomination windows and notice periods).
 * One place, so tests can move time forward past a notice period instead of waiting days.
 */
@ApplicationScoped
public class HonorsClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Duration offset = Duration.ZERO;

    public OffsetDateTime now() {
        return OffsetDateTime.now(Clock.offset(Clock.system(ZONE), offset)).truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return now().toLocalDate();
    }

    /** Moves this clock by {@code by} (tests only: notice periods last days). */
    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
