package org.gonghui.volunteer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.volunteer.activity.AttendanceWindow.Phase;
import org.junit.jupiter.api.Test;

/** Issue 29.2: no attendance, and so no hours, for a shift that has not happened. */
class AttendanceWindowTest {

    private static final AttendanceWindow WINDOW = new AttendanceWindow(Duration.ofHours(1), Duration.ofHours(12),
            Duration.ofDays(92));
    private static final OffsetDateTime START = OffsetDateTime.parse("2027-03-02T09:00:00+08:00");
    private static final OffsetDateTime END = OffsetDateTime.parse("2027-03-02T11:00:00+08:00");

    private static OffsetDateTime at(String local) {
        return OffsetDateTime.parse("2027-03-" + local + "+08:00");
    }

    @Test
    void phasesAroundTheShift() {
        assertEquals(Phase.SCHEDULED, WINDOW.phase(START, END, at("02T07:59:59")));
        assertEquals(Phase.RUNNING, WINDOW.phase(START, END, at("02T08:00:00")));
        assertEquals(Phase.RUNNING, WINDOW.phase(START, END, at("02T10:59:59")));
        assertEquals(Phase.ENDED, WINDOW.phase(START, END, at("02T11:00:00")));
        assertEquals(Phase.ENDED, WINDOW.phase(START, END, at("02T23:00:00")));
        assertEquals(Phase.CLOSED, WINDOW.phase(START, END, at("02T23:00:01")));
        assertEquals(Phase.CLOSED, WINDOW.phase(START, END, END.plusDays(92)));
        assertEquals(Phase.ARCHIVED, WINDOW.phase(START, END, END.plusDays(92).plusSeconds(1)));
    }

    /** The repro: a check-in for a shift on 2027-03-02 at 2030-01-01, and a check-in long before. */
    @Test
    void aCheckInIsRefusedBeforeTheWindowOpensAndOutsideIt() {
        ProblemException early = assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, null, at("01T10:00:00")));
        assertEquals(409, early.status());
        assertEquals("SCHEDULED", early.toProblem().extensions().get("currentState"));
        ProblemException late = assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, OffsetDateTime.parse("2030-01-01T10:00:00+08:00"), at("02T10:00:00")));
        assertEquals(400, late.status());
        ProblemException afterTheWindow = assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, at("02T09:00:00"), at("03T09:00:00")));
        assertEquals("CLOSED", afterTheWindow.toProblem().extensions().get("currentState"));
    }

    @Test
    void aCheckInIsNeitherAheadOfNowNorOutsideTheShift() {
        assertEquals(at("02T08:30:00"), WINDOW.checkIn(START, END, null, at("02T08:30:00")));
        assertEquals(at("02T08:00:00"), WINDOW.checkIn(START, END, at("02T08:00:00"), at("02T08:30:00")));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, at("02T09:30:00"), at("02T09:00:00"))).status(), "in the future");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, at("02T07:59:00"), at("02T09:00:00"))).status(), "before opening");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> WINDOW.checkIn(START, END, null, at("02T11:30:00"))).status(), "after the shift's end");
        assertEquals(at("02T10:00:00"), WINDOW.checkIn(START, END, at("02T10:00:00"), at("02T11:30:00")));
    }

    @Test
    void aCheckOutFollowsTheCheckInAndIsNotAhead() {
        OffsetDateTime in = at("02T09:00:00");
        assertEquals(at("02T11:10:00"), WINDOW.checkOut(START, END, in, null, at("02T11:10:00")));
        assertEquals(at("02T23:00:00"), WINDOW.checkOut(START, END, in, at("02T23:00:00"), at("02T23:00:00")));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> WINDOW.checkOut(START, END, in, at("02T08:59:00"), at("02T10:00:00"))).status(), "before in");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> WINDOW.checkOut(START, END, in, at("02T10:30:00"), at("02T10:00:00"))).status(), "ahead");
        assertEquals(409, assertThrows(ProblemException.class,
                () -> WINDOW.checkOut(START, END, in, null, at("03T10:00:00"))).status(), "window closed");
    }

    @Test
    void completionOnlyAfterTheEnd() {
        ProblemException running = assertThrows(ProblemException.class,
                () -> WINDOW.requireCompletable(START, END, at("02T10:59:59")));
        assertEquals(409, running.status());
        assertEquals("RUNNING", running.toProblem().extensions().get("currentState"));
        assertEquals("SCHEDULED", assertThrows(ProblemException.class,
                () -> WINDOW.requireCompletable(START, END, at("01T10:00:00"))).toProblem().extensions().get("currentState"));
        WINDOW.requireCompletable(START, END, END);
        WINDOW.requireCompletable(START, END, END.plusYears(10)); // history entered years later (the 2016 demo)
    }

    @Test
    void recordingAfterTheFactNeedsAShiftThatEndedWithinTheBound() {
        assertEquals("RUNNING", assertThrows(ProblemException.class,
                () -> WINDOW.requireRecordableAfterTheFact(START, END, at("02T10:00:00"))).toProblem().extensions()
                .get("currentState"));
        WINDOW.requireRecordableAfterTheFact(START, END, at("02T11:00:00"));
        WINDOW.requireRecordableAfterTheFact(START, END, END.plusDays(92));
        assertEquals("ARCHIVED", assertThrows(ProblemException.class,
                () -> WINDOW.requireRecordableAfterTheFact(START, END, END.plusDays(93))).toProblem().extensions()
                .get("currentState"));
    }
}
