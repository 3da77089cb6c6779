package org.gonghui.volunteer.rotation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.activity.Activity;
import org.gonghui.volunteer.activity.ActivityResource;
import org.gonghui.volunteer.community.Community;
import org.gonghui.volunteer.community.CommunityResource;
import org.gonghui.volunteer.rotation.RotationPlanner.Blackout;
import org.gonghui.volunteer.rotation.RotationPlanner.Visit;
import org.gonghui.volunteer.support.Times;
import org.gonghui.volunteer.team.Team;
import org.gonghui.volunteer.team.TeamResource;

@Path("/api/v1/volunteer/rotations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RotationResource {

    public record BlackoutRequest(@NotNull UUID teamId, @NotNull LocalDate from, @NotNull LocalDate to) {
    }

    public record RotationRequest(
            @NotEmpty @Size(max = 100) List<@NotNull UUID> teamIds,
            @NotEmpty @Size(max = 100) List<@NotNull UUID> communityIds,
            @NotNull LocalDate firstWeek,
            @NotNull @Min(1) @Max(104) Integer weeks,
            @NotNull DayOfWeek weekday,
            @NotNull LocalTime startTime,
            @NotNull @Min(15) @Max(1439) Integer durationMinutes,
            @NotNull @Min(1) @Max(10_000) Integer capacity,
            List<@Valid @NotNull BlackoutRequest> blackouts,
            @Size(max = 150) String title,
            Activity.Kind kind,
            @Size(max = 64) String orgCode) {
    }

    public record PlannedVisit(int week, LocalDate date, UUID teamId, String teamName, UUID communityId,
            String communityName, OffsetDateTime startsAt, OffsetDateTime endsAt, UUID activityId) {
    }

    public record RotationPlan(UUID rotationId, boolean dryRun, List<PlannedVisit> visits,
            Map<UUID, Integer> visitsPerTeam, Map<UUID, Integer> visitsPerCommunity) {
    }

    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public RotationResource(OrgScope scope, AuditLog audit) {
        this.scope = scope;
        this.audit = audit;
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Plan a weekly rotation of teams over communities; dryRun=true previews without saving")
    public Response plan(@QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Valid @NotNull RotationRequest request) {
        Map<UUID, Team> teams = new LinkedHashMap<>();
        request.teamIds().forEach(id -> {
            if (teams.put(id, TeamResource.visible(scope, id)) != null) {
                throw ProblemException.invalidField("teamIds", "lists " + id + " twice");
            }
        });
        Map<UUID, Community> communities = new LinkedHashMap<>();
        request.communityIds().forEach(id -> {
            if (communities.put(id, CommunityResource.visible(scope, id)) != null) {
                throw ProblemException.invalidField("communityIds", "lists " + id + " twice");
            }
        });
        List<Blackout> blackouts = new ArrayList<>();
        if (request.blackouts() != null) {
            for (BlackoutRequest b : request.blackouts()) {
                if (!teams.containsKey(b.teamId())) {
                    throw ProblemException.invalidField("blackouts.teamId", b.teamId() + " is not in teamIds");
                }
                if (b.to().isBefore(b.from())) {
                    throw ProblemException.invalidField("blackouts.to", "must not be before from");
                }
                blackouts.add(new Blackout(b.teamId(), b.from(), b.to()));
            }
        }
        List<Visit> visits;
        try {
            visits = RotationPlanner.plan(new RotationPlanner.Input(new ArrayList<>(teams.keySet()),
                    new ArrayList<>(communities.keySet()), request.firstWeek(), request.weeks(), request.weekday(),
                    blackouts));
        } catch (RotationPlanner.NoTeamAvailable e) {
            throw ProblemException.unprocessable("no-team-available",
                    "every team is blacked out on " + e.date + "; that week cannot get a visit").with("date", e.date);
        }
        UUID rotationId = dryRun ? null : UUID.randomUUID();
        if (!dryRun) {
            // the teams' rows in one order, so parallel saves over shared teams wait instead of deadlocking
            teams.keySet().stream().sorted().forEach(id -> Team.findById(id, LockModeType.PESSIMISTIC_WRITE));
        }
        String orgCode = scope.orgForCreate(request.orgCode());
        List<PlannedVisit> planned = new ArrayList<>();
        Map<UUID, Integer> perTeam = new LinkedHashMap<>();
        Map<UUID, Integer> perCommunity = new LinkedHashMap<>();
        teams.keySet().forEach(id -> perTeam.put(id, 0));
        communities.keySet().forEach(id -> perCommunity.put(id, 0));
        for (Visit v : visits) {
            Team team = teams.get(v.teamId());
            Community community = communities.get(v.communityId());
            OffsetDateTime startsAt = v.date().atTime(request.startTime()).atZone(Times.ZONE).toOffsetDateTime();
            OffsetDateTime endsAt = startsAt.plusMinutes(request.durationMinutes());
            UUID activityId = null;
            if (!dryRun) {
                String title = (request.title() == null || request.title().isBlank()
                        ? team.name + " visits " + community.name : request.title().strip());
                Activity a = ActivityResource.newActivity(scope, title,
                        request.kind() == null ? Activity.Kind.OTHER : request.kind(), community.id, team.id, startsAt,
                        endsAt, request.capacity(), orgCode);
                a.rotationId = rotationId;
                ActivityResource.requireTeamFree(a);
                a.persist();
                activityId = a.id;
            }
            planned.add(new PlannedVisit(v.week(), v.date(), team.id, team.name, community.id, community.name,
                    startsAt, endsAt, activityId));
            perTeam.merge(team.id, 1, Integer::sum);
            perCommunity.merge(community.id, 1, Integer::sum);
        }
        if (!dryRun) {
            audit.record("rotation.created", "Rotation", rotationId, orgCode, visits.size() + " weekly visits from "
                    + visits.get(0).date());
        }
        return Response.status(dryRun ? 200 : 201)
                .entity(new RotationPlan(rotationId, dryRun, planned, perTeam, perCommunity)).build();
    }
}
