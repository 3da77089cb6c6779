package org.gonghui.gateway.org;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.gonghui.gateway.org.OrgDtos.NewOrg;
import org.gonghui.gateway.org.OrgDtos.OrgView;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.panache.common.Sort;

/** {@code /api/v1/orgs}: the org registry, each admin seeing and growing only its own subtree. */
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
public class OrgResource {

    private final OrgScope scope;
    private final AuditLog audit;

    public OrgResource(OrgScope scope, AuditLog audit) {
        this.scope = scope;
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Orgs in the caller's subtree, by code")
    public Page<OrgView> list(@BeanParam @Valid PageParams page) {
        return Page.of(OrgUnit.<OrgUnit>find(scope.jpql("code"), Sort.by("code"), scope.parameters()), page,
                OrgView::of);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "One org of the caller's subtree")
    public OrgView get(@PathParam("code") String code) {
        return OrgView.of(visible(code));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a union under an org of the caller's subtree")
    public Response create(@Valid @NotNull NewOrg request) {
        String parentCode = request.parentCode() == null || request.parentCode().isBlank()
                ? OrgCodes.parentOf(request.code()) : request.parentCode();
        if (parentCode == null || !parentCode.equals(OrgCodes.parentOf(request.code()))) {
            throw ProblemException.invalidField("code", "must be parentCode plus one segment, e.g. "
                    + (parentCode == null ? scope.org() : parentCode) + ".steel");
        }
        visible(parentCode);
        if (OrgUnit.findById(request.code()) != null) {
            throw ProblemException.conflict("org-exists", "org " + request.code() + " already exists");
        }
        OrgUnit org = new OrgUnit();
        org.code = request.code();
        org.name = request.name().strip();
        org.parentCode = parentCode;
        org.persist();
        audit.record("org.created", "Org", org.code, org.code, org.name);
        return Response.created(URI.create("/api/v1/orgs/" + org.code)).entity(OrgView.of(org)).build();
    }

    /** 404 for an org that does not exist or lies outside the caller's subtree. */
    private OrgUnit visible(String code) {
        if (!OrgCodes.isValid(code) || !scope.covers(code)) {
            throw ProblemException.notFound("Org " + code);
        }
        OrgUnit org = OrgUnit.findById(code);
        if (org == null) {
            throw ProblemException.notFound("Org " + code);
        }
        return org;
    }
}
