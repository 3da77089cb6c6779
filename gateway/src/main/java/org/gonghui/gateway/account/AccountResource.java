package org.gonghui.gateway.account;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.gonghui.gateway.account.AccountDtos.AccountChange;
import org.gonghui.gateway.account.AccountDtos.AccountView;
import org.gonghui.gateway.account.AccountDtos.NewAccount;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.Roles;

/** {@code /api/v1/accounts}: accounts of the admin's subtree. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Accounts in the caller's subtree, optionally of one org")
    public Page<AccountView> list(@QueryParam("orgCode") String orgCode, @BeanParam @Valid PageParams page) {
        return accounts.list(orgCode, page.page, page.size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "One account of the caller's subtree")
    public AccountView get(@PathParam("id") UUID id) {
        return accounts.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an account in the caller's subtree with roles the caller holds")
    public Response create(@Valid @NotNull NewAccount request) {
        AccountView created = accounts.create(request);
        return Response.created(URI.create("/api/v1/accounts/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change password, org, roles, volunteer id, enabled; unlock")
    public AccountView change(@PathParam("id") UUID id, @Valid @NotNull AccountChange change) {
        return accounts.change(id, change);
    }
}
