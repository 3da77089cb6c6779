package org.gonghui.volunteer.activity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When attendance may be recorded around a shift ({@link AttendanceWindow}); {@code gonghui.volunteer.attendance.*}. */
@ConfigMapping(prefix = "gonghui.volunteer.attendance")
public interface AttendanceConfig {

    /** Check-in opens this long before the shift starts. */
    @WithDefault("PT1H")
    Duration opensBefore();

    /** Check-in and check-out close this long after the shift ends. */
    @WithDefault("PT12H")
    Duration closesAfter();

    /** A coordinator may record attendance after the fact until this long after the shift ended. */
    @WithDefault("P92D")
    Duration recordAfterTheFactWithin();

    default AttendanceWindow window() {
        return new AttendanceWindow(opensBefore(), closesAfter(), recordAfterTheFactWithin());
    }
}
