package org.gonghui.welfare.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.audit.AuditTrailResource;
import org.gonghui.platform.security.OrgScope;

/** This service's share of the audit trail; the gateway merges the services' shares. */
@Path("/api/v1/welfare/audit")
public class AuditResource extends AuditTrailResource {

    @Inject
    public AuditResource(AuditLog audit, OrgScope scope) {
        super(audit, scope);
    }
}
