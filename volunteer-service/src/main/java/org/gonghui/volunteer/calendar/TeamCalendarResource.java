package org.gonghui.volunteer.calendar;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.activity.Activity;
import org.gonghui.volunteer.community.Community;
import org.gonghui.volunteer.team.Team;
import org.gonghui.volunteer.team.TeamResource;
import org.gonghui.volunteer.volunteer.VolunteerAccess;

import io.quarkus.panache.common.Sort;

@Path("/api/v1/volunteer/teams/{id}/calendar.ics")
public class TeamCalendarResource {

    private final OrgScope scope;
    private final VolunteerAccess access;

    @Inject
    public TeamCalendarResource(OrgScope scope, VolunteerAccess access) {
        this.scope = scope;
        this.access = access;
    }

    @GET
    @Produces(IcsFeeds.MEDIA_TYPE)
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "The team's activities as an iCalendar feed (members of the team and coordinators)")
    public Response teamCalendar(@PathParam("id") UUID id) {
        Team team = TeamResource.visible(scope, id);
        if (!access.isCoordinator() && !team.hasMember(access.selfId())) {
            throw ProblemException.forbidden("not-a-member", "only members of the team read its calendar");
        }
        List<Activity> activities = Activity.list("teamId", Sort.by("startsAt").and("id"), team.id);
        return Response.ok(IcsFeeds.render(team.name, activities, communitiesOf(activities)))
                .header("Content-Disposition", "inline; filename=\"team-" + team.id + ".ics\"").build();
    }

    static Map<UUID, Community> communitiesOf(List<Activity> activities) {
        List<UUID> ids = activities.stream().map(a -> a.communityId).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Community.<Community>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
    }
}
