package org.gonghui.volunteer.community;

import java.net.URI;
import java.time.OffsetDateTime;
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

import io.quarkus.panache.common.Sort;

@Path("/api/v1/volunteer/communities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityResource {

    public record CommunityRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String orgCode,
            @Size(max = 500) String address) {
    }

    public record CommunityView(UUID id, String name, String orgCode, String address) {
        static CommunityView of(Community c) {
            return new CommunityView(c.id, c.name, c.orgCode, c.address);
        }
    }

    private final OrgScope scope;

    @Inject
    public CommunityResource(OrgScope scope) {
        this.scope = scope;
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Register a community the union's teams visit")
    public Response create(@Valid @NotNull CommunityRequest request) {
        Community c = new Community();
        c.id = UUID.randomUUID();
        c.name = request.name().strip();
        c.orgCode = scope.orgForCreate(request.orgCode());
        c.address = request.address();
        c.createdAt = OffsetDateTime.now();
        c.persist();
        return Response.created(URI.create("/api/v1/volunteer/communities/" + c.id)).entity(CommunityView.of(c)).build();
    }

    @GET
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "Communities in the caller's org subtree")
    public Page<CommunityView> list(@BeanParam @Valid PageParams page) {
        return Page.of(Community.<Community>find(scope.jpql("orgCode"), Sort.by("name").and("id"), scope.parameters()),
                page, CommunityView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(summary = "One community")
    public CommunityView get(@PathParam("id") UUID id) {
        return CommunityView.of(visible(scope, id));
    }

    /** The community, or 404 when absent or outside the caller's subtree. */
    public static Community visible(OrgScope scope, UUID id) {
        Community c = Community.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Community");
        }
        scope.requireVisible(c.orgCode, "Community");
        return c;
    }
}
