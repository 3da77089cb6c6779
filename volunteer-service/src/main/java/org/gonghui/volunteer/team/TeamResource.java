package org.gonghui.volunteer.team;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.volunteer.Volunteer;

import io.quarkus.panache.common.Sort;

@Path("/api/v1/volunteer/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    public record TeamRequest(@NotBlank @Size(max = 200) String name, @NotNull UUID leaderId,
            @Size(max = 64) String orgCode, List<@NotNull UUID> memberIds) {
    }

    /** Either one {@code volunteerId} or several {@code memberIds}. */
    public record MembersRequest(UUID volunteerId, List<@NotNull UUID> memberIds) {
    }

    public record TeamView(UUID id, String name, UUID leaderId, String orgCode, List<UUID> memberIds) {
        public static TeamView of(Team t) {
            return new TeamView(t.id, t.name, t.leaderId, t.orgCode, List.copyOf(t.memberIds));
        }
    }

    private final OrgScope scope;

    @Inject
    public TeamResource(OrgScope scope) {
        this.scope = scope;
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Form a team with a leader and members (the leader is a member)")
    public Response create(@Valid @NotNull TeamRequest request) {
        Team t = new Team();
        t.id = UUID.randomUUID();
        t.name = request.name().strip();
        t.orgCode = scope.orgForCreate(request.orgCode());
        t.leaderId = visibleVolunteer("leaderId", request.leaderId()).id;
        t.memberIds.add(t.leaderId);
        if (request.memberIds() != null) {
            request.memberIds().forEach(id -> t.memberIds.add(visibleVolunteer("memberIds", id).id));
        }
        t.createdAt = OffsetDateTime.now();
        t.persist();
        return Response.created(URI.create("/api/v1/volunteer/teams/" + t.id)).entity(TeamView.of(t)).build();
    }

    @GET
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Teams in the caller's subtree")
    public Page<TeamView> list(@BeanParam @Valid PageParams page) {
        return Page.of(Team.<Team>find(scope.jpql("orgCode"), Sort.by("name").and("id"), scope.parameters()), page,
                TeamView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "One team")
    public TeamView get(@PathParam("id") UUID id) {
        return TeamView.of(visible(scope, id));
    }

    @POST
    @Path("{id}/members")
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Add members to a team")
    public TeamView addMembers(@PathParam("id") UUID id, @Valid @NotNull MembersRequest request) {
        Team t = visible(scope, id);
        List<UUID> ids = new ArrayList<>();
        if (request.volunteerId() != null) {
            ids.add(request.volunteerId());
        }
        if (request.memberIds() != null) {
            ids.addAll(request.memberIds());
        }
        if (ids.isEmpty()) {
            throw ProblemException.invalidField("volunteerId", "give volunteerId or memberIds");
        }
        ids.forEach(v -> t.memberIds.add(visibleVolunteer("memberIds", v).id));
        return TeamView.of(t);
    }

    @DELETE
    @Path("{id}/members/{volunteerId}")
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Remove a member (not the leader)")
    public TeamView removeMember(@PathParam("id") UUID id, @PathParam("volunteerId") UUID volunteerId) {
        Team t = visible(scope, id);
        if (volunteerId.equals(t.leaderId)) {
            throw ProblemException.conflict("leader-stays", "appoint another leader before removing this one");
        }
        t.memberIds.remove(volunteerId);
        return TeamView.of(t);
    }

    /** The team, or 404 when absent or outside the caller's subtree. */
    public static Team visible(OrgScope scope, UUID id) {
        Team t = Team.findById(id);
        if (t == null) {
            throw ProblemException.notFound("Team");
        }
        scope.requireVisible(t.orgCode, "Team");
        return t;
    }

    private Volunteer visibleVolunteer(String field, UUID id) {
        Volunteer v = Volunteer.findById(id);
        if (v == null || !scope.covers(v.orgCode)) {
            throw ProblemException.invalidField(field, "no volunteer " + id + " in your organisation");
        }
        return v;
    }
}
