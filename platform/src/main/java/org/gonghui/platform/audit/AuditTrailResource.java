package org.gonghui.platform.audit;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.gonghui.platform.audit.AuditLog.AuditEntry;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

/**
 * A service's share of the audit trail, which the gateway merges. Each service subclasses it only to name its path
 * ({@code /api/v1/<service>/audit}): JAX-RS paths are static, the search is the same everywhere.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class AuditTrailResource {

    private final AuditLog audit;
    private final OrgScope scope;

    protected AuditTrailResource(AuditLog audit, OrgScope scope) {
        this.audit = audit;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Audit entries about records in the caller's org subtree, newest first")
    // Quarkus documents the bearer requirement with its roles, and 401/403, only for methods declared in the resource
    // class itself, not inherited ones, so this one says it explicitly (checked by each service's basics test and the
    // hardening authorisation matrix, which reads the roles from the scopes).
    @SecurityRequirement(name = "SecurityScheme", scopes = { Roles.AUDITOR, Roles.ADMIN })
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEntry.class)))
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public List<AuditEntry> search(@QueryParam("actor") String actor, @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to, @BeanParam @Valid PageParams page) {
        return audit.search(scope, actor, from, to, page.page, page.size);
    }
}
