package org.gonghui.gateway.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.gateway.account.AccountDtos;
import org.gonghui.gateway.auth.LoginService.TokenPair;
import org.gonghui.platform.security.OrgScope;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/** {@code /auth/token}, {@code /auth/refresh}, {@code /auth/logout}. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    public record PasswordChange(@NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 200) String password,
            @NotBlank @Size(min = AccountDtos.MIN_PASSWORD, max = AccountDtos.MAX_PASSWORD) String newPassword) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    private final LoginService logins;
    private final OrgScope scope;

    public TokenResource(LoginService logins, OrgScope scope) {
        this.logins = logins;
        this.scope = scope;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Log in: an access token (15 min) and a single-use refresh token (8 h)")
    public Response token(@Valid @NotNull Credentials credentials, @Context HttpServerRequest request) {
        return noStore(logins.login(credentials.username(), credentials.password(), clientIp(request)));
    }

    /** With quarkus.http.proxy.* configured, remoteAddress() is the client behind the trusted proxy. */
    private static String clientIp(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    @POST
    @Path("/password")
    @PermitAll
    @Operation(summary = "Change one's own password with the current one (also after an admin's reset); "
            + "answers a new token pair like a login and ends the account's other sessions")
    public Response changePassword(@Valid @NotNull PasswordChange change, @Context HttpServerRequest request) {
        return noStore(logins.changePassword(change.username(), change.password(), change.newPassword(),
                clientIp(request)));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Trade a refresh token (once) for a new pair; reusing one ends the whole login")
    public Response refresh(@Valid @NotNull RefreshRequest request) {
        return noStore(logins.refresh(request.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End the login of this refresh token; the access token expires by itself")
    public Response logout(@Valid @NotNull RefreshRequest request) {
        logins.logout(request.refreshToken(), scope.subject());
        return Response.noContent().build();
    }

    private static Response noStore(TokenPair pair) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(pair).cacheControl(noStore).header("Pragma", "no-cache").build();
    }
}
