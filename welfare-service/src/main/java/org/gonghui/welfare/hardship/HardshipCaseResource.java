package org.gonghui.welfare.hardship;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.Roles;
import org.gonghui.welfare.hardship.CaseDtos.CaseView;
import org.gonghui.welfare.hardship.CaseDtos.CloseCaseRequest;
import org.gonghui.welfare.hardship.CaseDtos.CreateCaseRequest;
import org.gonghui.welfare.hardship.CaseDtos.HistoryEntry;
import org.gonghui.welfare.hardship.CaseDtos.UpdateCaseRequest;
import org.gonghui.welfare.hardship.CaseDtos.VerifyCaseRequest;

@Path("/api/v1/welfare/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HardshipCaseResource {

    private final HardshipCaseService cases;

    @Inject
    public HardshipCaseResource(HardshipCaseService cases) {
        this.cases = cases;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Open a hardship case file; 409 duplicate-case with existingId for a person/enterprise with a live file")
    public Response create(@Valid @NotNull CreateCaseRequest request) {
        CaseView view = cases.create(request);
        return Response.status(201).entity(view).header("Location", "/api/v1/welfare/cases/" + view.id()).build();
    }

    @GET
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Case files in the caller's org subtree (each read is audited)")
    public Page<CaseView> list(@QueryParam("status") CaseStatus status, @QueryParam("kind") CaseKind kind,
            @BeanParam @Valid PageParams page) {
        return cases.list(status, kind, page.page, page.size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "One case file (the read is audited)")
    public CaseView get(@PathParam("id") UUID id) {
        return cases.read(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Change the facts of an open or verified file (name, hardships, household, income, notes); recorded in its history")
    public CaseView update(@PathParam("id") UUID id, @Valid @NotNull UpdateCaseRequest request) {
        return cases.update(id, request);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR })
    @Operation(summary = "The change history of a case file")
    public List<HistoryEntry> history(@PathParam("id") UUID id) {
        return cases.history(id);
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "OPEN -> VERIFIED after the hardship was checked")
    public CaseView verify(@PathParam("id") UUID id, @Valid VerifyCaseRequest request) {
        return cases.verify(id, request == null ? null : request.note());
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "-> CLOSED: the worker, household or enterprise is out of hardship")
    public CaseView close(@PathParam("id") UUID id, @Valid CloseCaseRequest request) {
        return cases.close(id, request == null ? null : request.reason());
    }
}
