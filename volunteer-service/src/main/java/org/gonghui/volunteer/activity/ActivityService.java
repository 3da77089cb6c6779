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

    @Inject
    public ActivityService(OrgScope scope, VolunteerAccess access, Outbox outbox, AuditLog audit) {
        this.scope = scope;
        this.access = access;
        this.outbox = outbox;
        this.audit = audit;
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
            throw ProblemException.conflict("shift-overlap", "overlaps the confirmed shift '" + clash.title + "' ("
                    + Times.local(clash.startsAt) + " to " + Times.local(clash.endsAt) + ")")
                    .with("otherActivityId", clash.id).with("otherTitle", clash.title);
        }
        Signup s = new Signup();
        s.id = UUID.randomUUID();
        s.activityId = activityId;
        s.volunteerId = volunteer.id;
        s.signedUpAt = OffsetDateTime.now();
        s.status = confirmedCount(activityId) < activity.capacity ? Signup.Status.CONFIRMED : Signup.Status.WAITLISTED;
        s.persistAndFlush();
        Signup.getEntityManager().refresh(s); // reads back the arrival number
        return SignupView.of(s, position(s));
    }

    @Transactional
    public CancellationView cancel(UUID activityId, UUID signupId) {
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
        Signup promoted = freedSeat ? promoteFirstWaitlisted(activity) : null;
        return new CancellationView(SignupView.of(s, null), promoted == null ? null : SignupView.of(promoted, null));
    }

    /** FIFO; a waitlisted volunteer who meanwhile holds an overlapping confirmed shift keeps waiting. */
    private Signup promoteFirstWaitlisted(Activity activity) {
        Signup.flush();
        if (confirmedCount(activity.id) >= activity.capacity) {
            return null;
        }
        List<Signup> waiting = Signup.list("activityId = ?1 and status = ?2", Sort.by("arrival"), activity.id,
                Signup.Status.WAITLISTED);
        for (Signup candidate : waiting) {
            Volunteer.findById(candidate.volunteerId, LockModeType.PESSIMISTIC_WRITE);
            if (overlappingConfirmed(candidate.volunteerId, activity) == null) {
                candidate.status = Signup.Status.CONFIRMED;
                return candidate;
            }
        }
        return null;
    }

    @Transactional
    public SignupView checkIn(UUID activityId, AttendanceRequest request) {
        Activity activity = attendanceTarget(activityId);
        Signup s = confirmedSignup(activity, request.volunteerId());
        if (s.checkedInAt != null) {
            throw ProblemException.conflict("already-checked-in", "checked in at " + Times.local(s.checkedInAt));
        }
        s.checkedInAt = request.at() != null ? request.at() : OffsetDateTime.now();
        return SignupView.of(s, null);
    }

    @Transactional
    public SignupView checkOut(UUID activityId, AttendanceRequest request) {
        Activity activity = attendanceTarget(activityId);
        Signup s = confirmedSignup(activity, request.volunteerId());
        if (s.checkedInAt == null) {
            throw ProblemException.conflict("not-checked-in", "check the volunteer in first");
        }
        OffsetDateTime at = request.at() != null ? request.at() : OffsetDateTime.now();
        if (at.isBefore(s.checkedInAt)) {
            throw ProblemException.invalidField("at", "must not be before the check-in at " + Times.local(s.checkedInAt));
        }
        s.checkedOutAt = at;
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
