package org.gonghui.honors.award;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.panache.common.Sort;

@Path("/api/v1/honors/awards")
@Produces(MediaType.APPLICATION_JSON)
public class AwardResource {

    /** Only the municipal federation maintains the catalog. */
    static final String CATALOG_OWNER_ORG = "ld";

    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public AwardResource(OrgScope scope, AuditLog audit) {
        this.scope = scope;
        this.audit = audit;
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "The award catalog")
    public List<AwardView> list() {
        return Award.<Award> listAll(Sort.by("code")).stream().map(Award::view).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Add an award to the catalog (admins of the municipal federation only)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewAward request) {
        if (!CATALOG_OWNER_ORG.equals(scope.org())) {
            throw ProblemException.forbidden("catalog-owner-only",
                    "Only admins of org " + CATALOG_OWNER_ORG + " may add awards");
        }
        if (Award.findById(request.code()) != null) {
            throw ProblemException.conflict("duplicate-award", "Award " + request.code() + " exists already")
                    .with("code", request.code());
        }
        Award award = new Award();
        award.code = request.code();
        award.name = request.name().strip();
        award.nameEn = request.nameEn().strip();
        award.recipientKind = request.recipientKind();
        award.level = request.level();
        award.modelWorker = Boolean.TRUE.equals(request.modelWorker());
        award.minVolunteerHours = request.minVolunteerHours();
        award.persist();
        audit.record("award.created", "Award", award.code, scope.org(), award.name + " / " + award.nameEn);
        // awards are read as a list (there is no GET of one award)
        return Response.status(201).entity(award.view()).header("Location", "/api/v1/honors/awards").build();
    }
}
