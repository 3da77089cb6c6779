package org.gonghui.gateway.keys;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /.well-known/jwks.json}: the public keys every service verifies tokens with. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final KeyRing keys;

    public JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The current and previous token verification keys (JWKS)")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        Map<String, Object> body = keys.jwks();
        return Response.ok(body).cacheControl(cache).build();
    }
}
