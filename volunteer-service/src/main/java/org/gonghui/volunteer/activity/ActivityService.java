package org.gonghui.volunteer.activity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.gonghui.contracts.volunteer.ActivityCompleted;
import org.gonghui.contracts.volunteer.HoursLogged;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.outbox.Outbox;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.volunteer.activity.ActivityDtos.AttendanceRecord;
import org.gonghui.volunteer.activity.ActivityDtos.AttendanceRequest;
import org.gonghui.volunteer.activity.ActivityDtos.CancellationView;
import org.gonghui.volunteer.activity.ActivityDtos.CompleteRequest;
import org.gonghui.volunteer.activity.ActivityDtos.CreditView;
import org.gonghui.volunteer.activity.ActivityDtos.Override;
import org.gonghui.volunteer.activity.ActivityDtos.SignupView;
import org.gonghui.volunteer.hours.HoursEntry;
import org.gonghui.volunteer.hours.HoursRule;
import org.gonghui.volunteer.support.Times;
import org.gonghui.volunteer.team.Team;
import org.gonghui.volunteer.volunteer.Volunteer;
import org.gonghui.volunteer.volunteer.VolunteerAccess;

import io.quarkus.panache.common.Sort;

/**
 * Seats, waitlist, attendance and completion of activities. Every change to an activity's sign-ups happens under a
 * {@code PESSIMISTIC_WRITE} lock on the activity row, so counting seats and inserting is atomic under concurrency.
 */
@RequestScoped
public class ActivityService {

    private final OrgScope scope;
    private final VolunteerAccess access;
    private final Outbox outbox;
    private final AuditLog audit;
    private final AttendanceWindow window;

    @Inject
    public ActivityService(OrgScope scope, VolunteerAccess access, Outbox outbox, AuditLog audit,
            AttendanceConfig attendance) {
        this.scope = scope;
        this.access = access;
        this.outbox = outbox;
        this.audit = audit;
        this.window = attendance.window();
    }

    /** The activity, or 404 when absent or outside the caller's subtree. */
    public Activity visible(UUID id) {
        Activity a = Activity.findById(id);
        if (a == null) {
            throw ProblemException.notFound("Activity");
        }
        scope.requireVisible(a.orgCode, "Activity");
        return a;
    }

    private Activity locked(UUID id) {
        visible(id);
        return Activity.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @Transactional
    public SignupView signUp(UUID activityId, UUID volunteerId) {
        Activity activity = locked(activityId);
        requireOpen(activity, "sign up");
        if (!OffsetDateTime.now().isBefore(activity.startsAt)) {
            throw ProblemException.conflict("signup-closed", "sign-up closed when the shift started at "
                    + Times.local(activity.startsAt));
        }
        // lock order: activity, then volunteer, so two sign-ups of one volunteer cannot both pass the overlap check
        Volunteer volunteer = access.requireLocked(volunteerId);
        Signup existing = Signup.find("activityId = ?1 and volunteerId = ?2 and status <> ?3", activityId,
                volunteerId, Signup.Status.CANCELLED).firstResult();
        if (existing != null) {
            throw ProblemException.conflict("already-signed-up", "this volunteer already holds a "
                    + existing.status + " sign-up on this activity").with("existingId", existing.id);
        }
        Activity clash = overlappingConfirmed(volunteer.id, activity);
        if (clash != null) {
            throw overlap(clash);
        }
        // a seat that is free while someone eligible waits is theirs, not the newcomer's
        fillFreeSeats(activity);
        Signup s = new Signup();
        s.id = UUID.randomUUID();
        s.activityId = activityId;
        s.volunteerId = volunteer.id;
        s.signedUpAt = OffsetDateTime.now();
        s.status = ShiftSeats.newcomer(activity.capacity, confirmedCount(activityId));
        s.persistAndFlush();
        Signup.getEntityManager().refresh(s); // reads back the arrival number
        return SignupView.of(s, position(s));
    }

    /** A cancellation, and the other shifts whose waitlist it may unblock ({@link #fillFreeSeats(UUID)} each). */
    public record Cancelled(CancellationView view, List<UUID> unblocked) {
    }

    @Transactional
    public Cancelled cancel(UUID activityId, UUID signupId) {
        Activity activity = locked(activityId);
        requireOpen(activity, "cancel a sign-up");
        Signup s = Signup.findById(signupId);
        if (s == null || !s.activityId.equals(activityId)) {
            throw ProblemException.notFound("Sign-up");
        }
        access.require(s.volunteerId);
        if (s.status == Signup.Status.CANCELLED) {
            throw ProblemException.illegalTransition("Sign-up", s.status, "cancel");
        }
        if (s.checkedInAt != null) {
            throw ProblemException.conflict("already-checked-in", "a volunteer who checked in cannot cancel");
        }
        boolean freedSeat = s.status == Signup.Status.CONFIRMED;
        s.status = Signup.Status.CANCELLED;
        s.cancelledAt = OffsetDateTime.now();
        List<Signup> promoted = freedSeat ? fillFreeSeats(activity) : List.of();
        // the seat given up here no longer blocks this volunteer's place on the waitlists of overlapping shifts
        List<UUID> unblocked = freedSeat ? waitlistedOverlapping(s.volunteerId, activity) : List.of();
        return new Cancelled(new CancellationView(SignupView.of(s, null),
                promoted.isEmpty() ? null : SignupView.of(promoted.get(0), null)), unblocked);
    }

    /**
     * Gives the activity's free seats to its waitlist ({@link ShiftSeats}), in a transaction of its own: called for
     * each shift a cancellation unblocked, after the cancellation committed, so that no transaction ever holds two
     * activity locks (two crossing cancellations could otherwise deadlock).
     */
    @Transactional
    public void fillFreeSeats(UUID activityId) {
        Activity activity = Activity.findById(activityId, LockModeType.PESSIMISTIC_WRITE);
        if (activity != null && activity.status == Activity.Status.OPEN) {
            fillFreeSeats(activity);
        }
    }

    /** FIFO; a waitlisted volunteer who holds an overlapping confirmed shift keeps waiting, and keeps their place. */
    private List<Signup> fillFreeSeats(Activity activity) {
        Signup.flush();
        long confirmed = confirmedCount(activity.id);
        if (confirmed >= activity.capacity) {
            return List.of();
        }
        List<Signup> waiting = Signup.list("activityId = ?1 and status = ?2", Sort.by("arrival"), activity.id,
                Signup.Status.WAITLISTED);
        List<Signup> promoted = ShiftSeats.promote(activity.capacity, confirmed, waiting, candidate -> {
            Volunteer.findById(candidate.volunteerId, LockModeType.PESSIMISTIC_WRITE);
            return overlappingConfirmed(candidate.volunteerId, activity) == null;
        });
        promoted.forEach(p -> p.status = Signup.Status.CONFIRMED);
        Signup.flush();
        return promoted;
    }

    /** Open shifts, not yet over, where the volunteer waits and whose window overlaps {@code activity}'s. */
    private static List<UUID> waitlistedOverlapping(UUID volunteerId, Activity activity) {
        return Activity.getEntityManager().createQuery("""
                select a.id from Activity a, Signup s
                where s.activityId = a.id and s.volunteerId = :volunteer and s.status = :waitlisted
                  and a.id <> :activity and a.status = :open and a.endsAt > :now
                  and a.startsAt < :endsAt and a.endsAt > :startsAt
                order by a.startsAt, a.id""", UUID.class)
                .setParameter("volunteer", volunteerId).setParameter("waitlisted", Signup.Status.WAITLISTED)
                .setParameter("activity", activity.id).setParameter("open", Activity.Status.OPEN)
                .setParameter("now", OffsetDateTime.now()).setParameter("endsAt", activity.endsAt)
                .setParameter("startsAt", activity.startsAt).getResultList();
    }

    @Transactional
    public SignupView checkIn(UUID activityId, AttendanceRequest request) {
        Activity activity = attendanceTarget(activityId);
        Signup s = confirmedSignup(activity, request.volunteerId());
        if (s.checkedInAt != null) {
            throw ProblemException.conflict("already-checked-in", "checked in at " + Times.local(s.checkedInAt));
        }
        s.checkedInAt = window.checkIn(activity.startsAt, activity.endsAt, request.at(), OffsetDateTime.now());
        return SignupView.of(s, null);
    }

    @Transactional
    public SignupView checkOut(UUID activityId, AttendanceRequest request) {
        Activity activity = attendanceTarget(activityId);
        Signup s = confirmedSignup(activity, request.volunteerId());
        if (s.checkedInAt == null) {
            throw ProblemException.conflict("not-checked-in", "check the volunteer in first");
        }
        if (s.checkedOutAt != null) {
            throw ProblemException.conflict("already-checked-out", "checked out at " + Times.local(s.checkedOutAt));
        }
        s.checkedOutAt = window.checkOut(activity.startsAt, activity.endsAt, s.checkedInAt, request.at(),
                OffsetDateTime.now());
        return SignupView.of(s, null);
    }

    /**
     * A coordinator records a past shift's attendance from the paper sheet: the volunteer gets a confirmed seat if
     * they had none (seats, overlap and the window's times still hold), with both times; audited with the reason.
     */
    @Transactional
    public SignupView recordAfterTheFact(UUID activityId, AttendanceRecord record) {
        Activity activity = locked(activityId);
        requireOpen(activity, "record attendance");
        OffsetDateTime now = OffsetDateTime.now();
        window.requireRecordableAfterTheFact(activity.startsAt, activity.endsAt, now);
        OffsetDateTime in = window.checkInTime(activity.startsAt, activity.endsAt, record.checkedInAt(), now);
        OffsetDateTime out = record.checkedOutAt() == null ? null
                : window.checkOutTime(activity.endsAt, in, record.checkedOutAt(), now);
        Volunteer volunteer = access.requireLocked(record.volunteerId());
        Signup s = Signup.find("activityId = ?1 and volunteerId = ?2 and status <> ?3", activityId, volunteer.id,
                Signup.Status.CANCELLED).firstResult();
        if (s != null && s.checkedInAt != null) {
            throw ProblemException.conflict("already-checked-in", "checked in at " + Times.local(s.checkedInAt));
        }
        if (s == null || s.status == Signup.Status.WAITLISTED) {
            Activity clash = overlappingConfirmed(volunteer.id, activity);
            if (clash != null) {
                throw overlap(clash);
            }
            if (confirmedCount(activityId) >= activity.capacity) {
                throw ProblemException.conflict("activity-full", "all " + activity.capacity
                        + " seats of this shift are taken");
            }
        }
        if (s == null) {
            s = new Signup();
            s.id = UUID.randomUUID();
            s.activityId = activityId;
            s.volunteerId = volunteer.id;
            s.signedUpAt = now;
            s.status = Signup.Status.CONFIRMED;
            s.persist();
        }
        s.status = Signup.Status.CONFIRMED;
        s.checkedInAt = in;
        s.checkedOutAt = out;
        audit.record("activity.attendance-recorded", "Activity", activity.id, activity.orgCode, "volunteer "
                + volunteer.id + " " + Times.local(in) + " to " + (out == null ? "the end" : Times.local(out)) + ": "
                + record.reason().strip());
        return SignupView.of(s, null);
    }

    /** A coordinator of the subtree, or the leader of the activity's team (not of another team). */
    private Activity attendanceTarget(UUID activityId) {
        Activity activity = locked(activityId);
        if (!access.isCoordinator()) {
            Team team = activity.teamId == null ? null : Team.findById(activity.teamId);
            UUID self = access.selfId();
            if (team == null || self == null || !self.equals(team.leaderId)) {
                throw ProblemException.forbidden("not-team-leader",
                        "only a coordinator or the leader of this activity's team records attendance");
            }
        }
        requireOpen(activity, "record attendance");
        return activity;
    }

    private Signup confirmedSignup(Activity activity, UUID volunteerId) {
        Signup s = Signup.find("activityId = ?1 and volunteerId = ?2 and status = ?3", activity.id, volunteerId,
                Signup.Status.CONFIRMED).firstResult();
        if (s == null) {
            throw ProblemException.conflict("not-signed-up", "the volunteer holds no confirmed seat on this activity");
        }
        return s;
    }

    @Transactional
    public List<CreditView> complete(UUID activityId, CompleteRequest request) {
        Activity activity = locked(activityId);
        requireOpen(activity, "complete");
        window.requireCompletable(activity.startsAt, activity.endsAt, OffsetDateTime.now());
        Map<UUID, Override> overrides = new HashMap<>();
        if (request != null && request.overrides() != null) {
            for (Override o : request.overrides()) {
                if (!HoursRule.isValidOverride(o.minutes())) {
                    throw ProblemException.invalidField("overrides.minutes",
                            "must be a multiple of 15 between 0 and " + HoursRule.MAX_MINUTES);
                }
                overrides.put(o.volunteerId(), o);
            }
        }
        List<Signup> attendees = Signup.list("activityId = ?1 and status = ?2 and checkedInAt is not null",
                Sort.by("arrival"), activity.id, Signup.Status.CONFIRMED);
        for (UUID overridden : overrides.keySet()) {
            if (attendees.stream().noneMatch(s -> s.volunteerId.equals(overridden))) {
                throw ProblemException.invalidField("overrides.volunteerId", overridden + " did not attend");
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        int year = Times.yearOf(activity.startsAt);
        int total = 0;
        List<CreditView> credits = new ArrayList<>();
        for (Signup s : attendees) {
            Override o = overrides.get(s.volunteerId);
            int minutes = o != null ? o.minutes()
                    : HoursRule.creditedMinutes(activity.startsAt, activity.endsAt, s.checkedInAt, s.checkedOutAt);
            HoursEntry entry = new HoursEntry();
            entry.id = UUID.randomUUID();
            entry.activityId = activity.id;
            entry.volunteerId = s.volunteerId;
            entry.orgCode = activity.orgCode;
            entry.year = year;
            entry.minutes = minutes;
            entry.overrideReason = o == null ? null : o.reason().strip();
            entry.loggedAt = now;
            entry.persist();
            Volunteer v = Volunteer.findById(s.volunteerId);
            outbox.append(s.volunteerId, new HoursLogged(activity.id, s.volunteerId, v.personRef, activity.orgCode,
                    year, minutes, Times.local(activity.startsAt), Times.local(now)));
            total += minutes;
            credits.add(new CreditView(s.volunteerId, minutes, entry.overrideReason));
        }
        activity.status = Activity.Status.COMPLETED;
        activity.completedAt = now;
        outbox.append(activity.id, new ActivityCompleted(activity.id, activity.title, activity.kind.name(),
                activity.communityId, activity.teamId, activity.orgCode, Times.local(activity.startsAt),
                Times.local(activity.endsAt), attendees.size(), total, Times.local(now)));
        audit.record("activity.completed", "Activity", activity.id, activity.orgCode,
                attendees.size() + " attendees, " + total + " minutes" + (overrides.isEmpty() ? "" : ", "
                        + overrides.size() + " overridden"));
        return credits;
    }

    public static List<CreditView> credits(UUID activityId) {
        return HoursEntry.<HoursEntry>list("activityId", Sort.by("volunteerId"), activityId).stream()
                .map(e -> new CreditView(e.volunteerId, e.minutes, e.overrideReason)).toList();
    }

    private static void requireOpen(Activity activity, String action) {
        if (activity.status != Activity.Status.OPEN) {
            throw ProblemException.illegalTransition("Activity", activity.status, action);
        }
    }

    private static ProblemException overlap(Activity clash) {
        return ProblemException.conflict("shift-overlap", "overlaps the confirmed shift '" + clash.title + "' ("
                + Times.local(clash.startsAt) + " to " + Times.local(clash.endsAt) + ")")
                .with("otherActivityId", clash.id).with("otherTitle", clash.title);
    }

    static long confirmedCount(UUID activityId) {
        return Signup.count("activityId = ?1 and status = ?2", activityId, Signup.Status.CONFIRMED);
    }

    static long waitlistedCount(UUID activityId) {
        return Signup.count("activityId = ?1 and status = ?2", activityId, Signup.Status.WAITLISTED);
    }

    /** Another activity on which the volunteer holds a confirmed seat and whose window overlaps this one's. */
    static Activity overlappingConfirmed(UUID volunteerId, Activity activity) {
        return Activity.getEntityManager().createQuery("""
                select a from Activity a, Signup s
                where s.activityId = a.id and s.volunteerId = :volunteer and s.status = :confirmed
                  and a.id <> :activity and a.startsAt < :endsAt and a.endsAt > :startsAt
                order by a.startsAt""", Activity.class)
                .setParameter("volunteer", volunteerId).setParameter("confirmed", Signup.Status.CONFIRMED)
                .setParameter("activity", activity.id).setParameter("endsAt", activity.endsAt)
                .setParameter("startsAt", activity.startsAt).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    static Integer position(Signup s) {
        if (s.status != Signup.Status.WAITLISTED) {
            return null;
        }
        return (int) Signup.count("activityId = ?1 and status = ?2 and arrival <= ?3", s.activityId,
                Signup.Status.WAITLISTED, s.arrival);
    }
}
