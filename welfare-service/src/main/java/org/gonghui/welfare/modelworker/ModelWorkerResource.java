package org.gonghui.welfare.modelworker;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

@Path("/api/v1/welfare/model-workers")
@Produces(MediaType.APPLICATION_JSON)
public class ModelWorkerResource {

    private final OrgScope scope;

    @Inject
    public ModelWorkerResource(OrgScope scope) {
        this.scope = scope;
    }

    @GET
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Active model workers in the caller's org subtree (fed by honors events)")
    public Page<ModelWorkerView> list(
            @QueryParam("level") @Pattern(regexp = "NATIONAL|PROVINCIAL|MUNICIPAL", message = "must be NATIONAL, PROVINCIAL or MUNICIPAL") String level,
            @BeanParam @Valid PageParams page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String query = scope.jpql("orgCode") + " and revokedAt is null";
            var params = scope.parameters();
            if (level != null) {
                query += " and level = :level";
                params = params.and("level", level);
            }
            var found = ModelWorker.<ModelWorker>find(query, Sort.ascending("name").and("id"), params);
            return Page.of(found, page, ModelWorkerView::of);
        });
    }
}
