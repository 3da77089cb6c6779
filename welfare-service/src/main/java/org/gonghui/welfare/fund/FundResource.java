package org.gonghui.welfare.fund;

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
import org.gonghui.welfare.fund.FundDtos.BudgetChangeRequest;
import org.gonghui.welfare.fund.FundDtos.CreateFundRequest;
import org.gonghui.welfare.fund.FundDtos.FundView;
import org.gonghui.welfare.fund.FundDtos.LedgerEntryView;

@Path("/api/v1/welfare/funds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FundResource {

    private final FundService funds;

    @Inject
    public FundResource(FundService funds) {
        this.funds = funds;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a fund for a year; the opening budget is a BUDGET ledger entry")
    public Response create(@Valid @NotNull CreateFundRequest request) {
        FundView view = funds.create(request);
        return Response.status(201).entity(view).header("Location", "/api/v1/welfare/funds/" + view.id()).build();
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN, Roles.FINANCE, Roles.AUDITOR })
    @Operation(summary = "Funds in the caller's org subtree with committedFen, paidFen and availableFen")
    public Page<FundView> list(@QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @BeanParam @Valid PageParams page) {
        return funds.list(year, page.page, page.size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN, Roles.FINANCE, Roles.AUDITOR })
    @Operation(summary = "One fund")
    public FundView get(@PathParam("id") UUID id) {
        return funds.get(id);
    }

    @POST
    @Path("/{id}/budget")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Raise or cut the budget (a BUDGET ledger entry); 409 insufficient-funds when a cut exceeds availableFen")
    public FundView changeBudget(@PathParam("id") UUID id, @Valid @NotNull BudgetChangeRequest request) {
        return funds.changeBudget(id, request.deltaFen(), request.reason());
    }

    @GET
    @Path("/{id}/ledger")
    @RolesAllowed({ Roles.FINANCE, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The fund's append-only ledger, oldest first")
    public Page<LedgerEntryView> ledger(@PathParam("id") UUID id, @BeanParam @Valid PageParams page) {
        return funds.ledger(id, page.page, page.size);
    }
}
