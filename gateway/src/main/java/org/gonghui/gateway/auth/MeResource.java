package org.gonghui.gateway.auth;

import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.security.OrgScope;

import io.quarkus.security.Authenticated;

/** {@code GET /auth/me}: who the bearer token says the caller is. */
@Path("/auth/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final OrgScope scope;

    @Inject
    public MeResource(OrgScope scope) {
        this.scope = scope;
    }

    public record Me(String username, String org, Set<String> roles, String volunteerId) {
    }

    @GET
    @Authenticated
    @Operation(summary = "The caller's username, org, roles and volunteer id")
    public Me me() {
        return new Me(scope.username(), scope.org(), new TreeSet<>(scope.roles()), scope.volunteerId());
    }
}
