package org.gonghui.honors.bench;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The HTTP ceiling of this stack for bench/run: a constant JSON answer from the same JVM, REST layer and JSON
 * writer as the real endpoints, but no database, no token and no blocking work. Not part of the API contract (it
 * lives outside /api/v1, so the gateway does not route it) and it reveals nothing.
 */
@Path("/bench/constant")
public class ConstantResource {

    public record Constant(String service, String status) {
    }

    private static final Constant CONSTANT = new Constant("honors-service", "ok");

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Constant JSON: the benchmark's baseline for this service (no database, no auth)")
    public Constant constant() {
        return CONSTANT;
    }
}
