package org.gonghui.welfare.application;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.Roles;
import org.gonghui.welfare.application.ApplicationDtos.ApplicationView;
import org.gonghui.welfare.application.ApplicationDtos.ReasonRequest;
import org.gonghui.welfare.application.ApplicationDtos.SubmitApplicationRequest;

@Path("/api/v1/welfare/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final ApplicationService applications;

    @Inject
    public ApplicationResource(ApplicationService applications) {
        this.applications = applications;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Submit an application (Idempotency-Key honoured); 422 ineligible / yearly-cap-exceeded")
    public Response submit(@HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull SubmitApplicationRequest request) {
        return applications.submit(key, request);
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.REVIEWER, Roles.FINANCE })
    @Operation(summary = "Applications in the caller's org subtree")
    public Page<ApplicationView> list(@QueryParam("status") ApplicationStatus status,
            @QueryParam("programCode") String programCode,
            @QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @BeanParam @Valid PageParams page) {
        return applications.list(status, programCode, year, page.page, page.size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.REVIEWER, Roles.FINANCE })
    @Operation(summary = "One application")
    public ApplicationView get(@PathParam("id") UUID id) {
        return applications.get(id);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Approve (four-eyes; two reviewers above the program threshold); the final approval commits the amount, 409 insufficient-funds")
    public ApplicationView approve(@PathParam("id") UUID id) {
        return applications.approve(id);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Reject a submitted application with a reason")
    public ApplicationView reject(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return applications.reject(id, request.reason());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Cancel a submitted or approved application; an approved one releases its commitment")
    public ApplicationView cancel(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return applications.cancel(id, request.reason());
    }

    @POST
    @Path("/{id}/pay")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Pay an approved application (Idempotency-Key required): PAYOUT ledger entry and aid-paid event")
    public Response pay(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return applications.pay(id, key);
    }
}
