package org.gonghui.welfare.fund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** #29.11: a fund's closing date and the calendar year of a grant, in Asia/Shanghai. */
class FundYearsTest {

    @Test
    void aFundClosesOnTheConfiguredDayOfTheNextYearUnlessItsAdminGaveADate() {
        assertEquals(LocalDate.of(2026, 1, 31), FundYears.closesOn(2025, null, MonthDay.of(1, 31)));
        assertEquals(LocalDate.of(2026, 3, 15), FundYears.closesOn(2025, null, MonthDay.parse("--03-15")));
        assertEquals(LocalDate.of(2026, 12, 31), FundYears.closesOn(2016, LocalDate.of(2026, 12, 31), MonthDay.of(1, 31)));
        assertNull(FundYears.problemWithClosingDate(2025, LocalDate.of(2025, 1, 1)));
        assertEquals("must not be before the fund's year 2025",
                FundYears.problemWithClosingDate(2025, LocalDate.of(2024, 12, 31)));
    }

    @Test
    void theClosingDayIsTheLastDayOfNewGrantsInShanghai() {
        LocalDate closes = LocalDate.of(2026, 1, 31);
        assertTrue(FundYears.takesGrants(closes, LocalDate.of(2026, 1, 31)));
        assertFalse(FundYears.takesGrants(closes, LocalDate.of(2026, 2, 1)));
        // 16:30 UTC on 31 January is already 1 February in Shanghai
        assertEquals(LocalDate.of(2026, 2, 1), FundYears.today(Instant.parse("2026-01-31T16:30:00Z")));
        assertEquals(LocalDate.of(2026, 1, 31), FundYears.today(Instant.parse("2026-01-31T15:59:59Z")));
    }

    @Test
    void theCalendarYearOfASubmissionIsReckonedInShanghai() {
        assertEquals(2027, FundYears.calendarYear(OffsetDateTime.parse("2026-12-31T16:00:00Z")));
        assertEquals(2026, FundYears.calendarYear(OffsetDateTime.parse("2026-12-31T15:59:59Z")));
        assertEquals(OffsetDateTime.parse("2026-12-31T16:00:00Z").toInstant(), FundYears.startOf(2027).toInstant());
    }
}
