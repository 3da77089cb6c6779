package org.gonghui.volunteer.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class HoursRuleTest {

    private static final OffsetDateTime NINE = OffsetDateTime.parse("2027-03-06T09:00:00+08:00");
    private static final OffsetDateTime NOON = OffsetDateTime.parse("2027-03-06T12:00:00+08:00");

    @Test
    void roundsToTheNearestQuarterHour() {
        assertEquals(120, HoursRule.creditedMinutes(NINE, NOON, NINE, NINE.plusMinutes(127)));
        assertEquals(135, HoursRule.creditedMinutes(NINE, NOON, NINE, NINE.plusMinutes(128))); // 7.5 min and up
        assertEquals(135, HoursRule.creditedMinutes(NINE, NOON, NINE, NINE.plusMinutes(127).plusSeconds(30)));
        assertEquals(0, HoursRule.creditedMinutes(NINE, NOON, NINE, NINE.plusMinutes(7)));
    }

    @Test
    void isCappedAtTheShiftLength() {
        assertEquals(180, HoursRule.creditedMinutes(NINE, NOON, NINE.minusMinutes(40), NOON.plusMinutes(50)));
        // a 100-minute shift caps at 90: credited minutes stay multiples of 15
        assertEquals(90, HoursRule.creditedMinutes(NINE, NINE.plusMinutes(100), NINE, NINE.plusMinutes(100)));
    }

    @Test
    void missingCheckOutCountsUntilTheShiftEnds() {
        assertEquals(150, HoursRule.creditedMinutes(NINE, NOON, NINE.plusMinutes(30), null));
        assertEquals(0, HoursRule.creditedMinutes(NINE, NOON, NOON.plusMinutes(5), null));
    }

    @Test
    void noCheckInCountsNothing() {
        assertEquals(0, HoursRule.creditedMinutes(NINE, NOON, null, NOON));
    }

    @Test
    void aShiftOverMidnightCountsAcrossTheDateChange() {
        OffsetDateTime start = OffsetDateTime.parse("2027-12-31T22:00:00+08:00");
        OffsetDateTime end = OffsetDateTime.parse("2028-01-01T02:00:00+08:00");
        assertEquals(240, HoursRule.creditedMinutes(start, end, start.minusMinutes(5), end.plusMinutes(10)));
        assertEquals(195, HoursRule.creditedMinutes(start, end, start.plusMinutes(40),
                OffsetDateTime.parse("2027-12-31T17:55:00Z"))); // 01:55 next day in Shanghai
    }

    @Test
    void overridesAreQuarterHoursWithinADay() {
        assertTrue(HoursRule.isValidOverride(0));
        assertTrue(HoursRule.isValidOverride(1440));
        assertFalse(HoursRule.isValidOverride(20));
        assertFalse(HoursRule.isValidOverride(1455));
        assertFalse(HoursRule.isValidOverride(-15));
    }
}
