package org.gonghui.volunteer.activity;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.activity.ActivityDtos.ActivityRequest;
import org.gonghui.volunteer.activity.ActivityDtos.ActivityView;
import org.gonghui.volunteer.activity.ActivityDtos.AttendanceRecord;
import org.gonghui.volunteer.activity.ActivityDtos.AttendanceRequest;
import org.gonghui.volunteer.activity.ActivityDtos.CancellationView;
import org.gonghui.volunteer.activity.ActivityDtos.CompleteRequest;
import org.gonghui.volunteer.activity.ActivityDtos.CreditView;
import org.gonghui.volunteer.activity.ActivityDtos.SignupRequest;
import org.gonghui.volunteer.activity.ActivityDtos.SignupView;
import org.gonghui.volunteer.aid.AidDelivery;
import org.gonghui.volunteer.community.CommunityResource;
import org.gonghui.volunteer.support.QueryParams;
import org.gonghui.volunteer.support.Times;
import org.gonghui.volunteer.team.Team;
import org.gonghui.volunteer.team.TeamResource;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@Path("/api/v1/volunteer/activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private final OrgScope scope;
    private final ActivityService service;

    @Inject
    public ActivityResource(OrgScope scope, ActivityService service) {
        this.scope = scope;
        this.service = service;
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Schedule an activity (shift) in a community, optionally for a team")
    public Response create(@Valid @NotNull ActivityRequest request) {
        Activity a = newActivity(scope, request.title(), request.kind(), request.communityId(), request.teamId(),
                request.startsAt(), request.endsAt(), request.capacity(), request.orgCode());
        requireTeamFree(a);
        a.persist();
        return Response.created(URI.create("/api/v1/volunteer/activities/" + a.id)).entity(view(a, true)).build();
    }

    /** Validates and builds an activity (also used by the rotation planner); the caller persists it. */
    public static Activity newActivity(OrgScope scope, String title, Activity.Kind kind, UUID communityId,
            UUID teamId, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, String orgCode) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).toHours() >= 24) {
            throw ProblemException.invalidField("endsAt", "a shift lasts less than 24 hours");
        }
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        a.title = title.strip();
        a.kind = kind;
        a.orgCode = scope.orgForCreate(orgCode);
        a.communityId = CommunityResource.visible(scope, communityId).id;
        a.teamId = teamId == null ? null : TeamResource.visible(scope, teamId).id;
        a.startsAt = startsAt;
        a.endsAt = endsAt;
        a.capacity = capacity;
        a.status = Activity.Status.OPEN;
        a.createdAt = OffsetDateTime.now();
        return a;
    }

    /**
     * A team is never booked twice at the same time (issue 29.18: saving a rotation twice created every visit twice):
     * 409 {@code team-double-booked} naming the clash. The team row is locked first, so two parallel saves cannot both
     * pass; the query sees activities persisted earlier in the same transaction (a rotation's other weeks).
     */
    public static void requireTeamFree(Activity a) {
        if (a.teamId == null) {
            return;
        }
        Team team = Team.findById(a.teamId, LockModeType.PESSIMISTIC_WRITE);
        Activity clash = Activity.<Activity>find("teamId = ?1 and startsAt < ?2 and endsAt > ?3",
                Sort.by("startsAt").and("id"), a.teamId, a.endsAt, a.startsAt).firstResult();
        if (clash != null) {
            throw ProblemException.conflict("team-double-booked", "team '" + team.name + "' is already booked for '"
                    + clash.title + "' (" + Times.local(clash.startsAt) + " to " + Times.local(clash.endsAt) + ")")
                    .with("teamId", a.teamId).with("otherActivityId", clash.id).with("otherTitle", clash.title)
                    .with("otherStartsAt", Times.local(clash.startsAt));
        }
    }

    @GET
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Activities in the caller's subtree, by start time; filter by window, team, community, status")
    public Page<ActivityView> list(@QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            @QueryParam("teamId") String teamParam, @QueryParam("communityId") String communityParam,
            @QueryParam("status") String statusParam, @BeanParam @Valid PageParams page) {
        // parsed here so that a malformed value is a 400 naming the parameter, not JAX-RS's 404
        OffsetDateTime from = QueryParams.time("from", fromParam);
        OffsetDateTime to = QueryParams.time("to", toParam);
        UUID teamId = QueryParams.uuid("teamId", teamParam);
        UUID communityId = QueryParams.uuid("communityId", communityParam);
        Activity.Status status = QueryParams.enumValue("status", statusParam, Activity.Status.class);
        StringBuilder q = new StringBuilder(scope.jpql("orgCode"));
        Parameters p = scope.parameters();
        if (from != null) {
            q.append(" and endsAt > :from");
            p.and("from", from);
        }
        if (to != null) {
            q.append(" and startsAt < :to");
            p.and("to", to);
        }
        if (teamId != null) {
            q.append(" and teamId = :teamId");
            p.and("teamId", teamId);
        }
        if (communityId != null) {
            q.append(" and communityId = :communityId");
            p.and("communityId", communityId);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        return Page.of(Activity.<Activity>find(q.toString(), Sort.by("startsAt").and("id"), p), page,
                a -> view(a, false));
    }

    @GET
    @Path("open")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COORDINATOR })
    @Operation(summary = "Activities still open for sign-up in the caller's subtree, soonest first (for volunteers)")
    public Page<ActivityView> open(@BeanParam @Valid PageParams page) {
        var query = Activity.<Activity>find(scope.jpql("orgCode") + " and status = :open and startsAt > :now",
                Sort.by("startsAt").and("id"), scope.parameters().and("open", Activity.Status.OPEN)
                        .and("now", OffsetDateTime.now()));
        return Page.of(query, page, a -> view(a, false));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "One activity with its sign-ups, credited hours and the aid delivered on it")
    public ActivityView get(@PathParam("id") UUID id) {
        return view(service.visible(id), true);
    }

    @POST
    @Path("{id}/signups")
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Sign up: CONFIRMED while seats remain, else WAITLISTED; 409 on an overlapping confirmed shift")
    public Response signUp(@PathParam("id") UUID id, @Valid @NotNull SignupRequest request) {
        SignupView signup = service.signUp(id, request.volunteerId());
        return Response.created(URI.create("/api/v1/volunteer/activities/" + id + "/signups/" + signup.id()))
                .entity(signup).build();
    }

    @DELETE
    @Path("{id}/signups/{signupId}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Cancel a sign-up; a freed seat goes to the first waitlisted volunteer")
    public CancellationView cancel(@PathParam("id") UUID id, @PathParam("signupId") UUID signupId) {
        ActivityService.Cancelled cancelled = service.cancel(id, signupId);
        cancelled.unblocked().forEach(service::fillFreeSeats);
        return cancelled.view();
    }

    @POST
    @Path("{id}/checkins")
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Check a volunteer in (coordinator, or the leader of the activity's team)")
    public SignupView checkIn(@PathParam("id") UUID id, @Valid @NotNull AttendanceRequest request) {
        return service.checkIn(id, request);
    }

    @POST
    @Path("{id}/checkouts")
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Check a volunteer out (coordinator, or the leader of the activity's team)")
    public SignupView checkOut(@PathParam("id") UUID id, @Valid @NotNull AttendanceRequest request) {
        return service.checkOut(id, request);
    }

    @POST
    @Path("{id}/attendance")
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Record a past shift's attendance after the fact (coordinator; audited with the reason)")
    public SignupView recordAttendance(@PathParam("id") UUID id, @Valid @NotNull AttendanceRecord record) {
        return service.recordAfterTheFact(id, record);
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Close the activity: credit each attendee's minutes, emit hours-logged and activity-completed")
    public List<CreditView> complete(@PathParam("id") UUID id, @Valid CompleteRequest request) {
        return service.complete(id, request);
    }

    static ActivityView view(Activity a, boolean detail) {
        List<SignupView> signups = null;
        List<CreditView> hours = null;
        if (detail) {
            List<Signup> all = Signup.list("activityId = ?1 and status <> ?2", Sort.by("arrival"), a.id,
                    Signup.Status.CANCELLED);
            int[] waitPosition = { 0 };
            signups = all.stream().map(s -> SignupView.of(s,
                    s.status == Signup.Status.WAITLISTED ? ++waitPosition[0] : null)).toList();
            hours = ActivityService.credits(a.id);
        }
        return new ActivityView(a.id, a.title, a.kind, a.communityId, a.teamId, Times.local(a.startsAt),
                Times.local(a.endsAt), a.capacity, a.orgCode, a.status, ActivityService.confirmedCount(a.id),
                ActivityService.waitlistedCount(a.id), AidDelivery.totalFenFor(a.id), a.rotationId,
                Times.local(a.completedAt), signups, hours);
    }
}
