package org.gonghui.honors.clock;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's notion of "now" and "today" (Asia/Shanghai, the calendar of nomination windows and notice periods).
 * One bean, so tests can install a clock moved past a notice period (QuarkusMock) instead of waiting days.
 */
@ApplicationScoped
public class HonorsClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public OffsetDateTime now() {
        return OffsetDateTime.now(Clock.system(ZONE)).truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return now().toLocalDate();
    }
}
