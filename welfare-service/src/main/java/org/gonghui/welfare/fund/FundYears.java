package org.gonghui.welfare.fund;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Which year a grant belongs to, and when a fund's year is closed. Pure functions.
 * <ul>
 * <li>A grant belongs to its fund's year (the budget year): the report, the ledger and the yearly caps count it there.
 * <li>A fund takes new grants until its closing date (inclusive, Asia/Shanghai); by default the configured closing day
 * of the following year ({@code --01-31}: late December decisions can still be entered in January).
 * <li>Because a fund of another year may take grants today (a past year until it closes, a future year at once), the
 * yearly caps are also counted per calendar year of submission in Asia/Shanghai: whatever funds they come from, the
 * grants a beneficiary gets within one calendar year never exceed the cap.
 * </ul>
 */
public final class FundYears {

    /** the union's time zone: years, closing dates and calendar years are all reckoned in it */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private FundYears() {
    }

    /** The closing date of a fund of {@code year}: the one an admin gave, else the closing day of the next year. */
    public static LocalDate closesOn(int year, LocalDate requested, MonthDay closingDay) {
        return requested != null ? requested : closingDay.atYear(year + 1);
    }

    /** Why {@code closesOn} cannot close a fund of {@code year}, or null: a fund cannot close before its year starts. */
    public static String problemWithClosingDate(int year, LocalDate closesOn) {
        return closesOn != null && closesOn.getYear() < year ? "must not be before the fund's year " + year : null;
    }

    /** True while a fund closing on {@code closesOn} takes new grants on {@code today}. */
    public static boolean takesGrants(LocalDate closesOn, LocalDate today) {
        return !today.isAfter(closesOn);
    }

    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZONE);
    }

    /** The calendar year (Asia/Shanghai) of an instant. */
    public static int calendarYear(OffsetDateTime at) {
        return at.atZoneSameInstant(ZONE).getYear();
    }

    /** The first instant of a calendar year in Asia/Shanghai. */
    public static OffsetDateTime startOf(int calendarYear) {
        return LocalDate.of(calendarYear, 1, 1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}
