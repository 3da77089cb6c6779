package org.gonghui.honors.notice;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.honors.notice.ObjectionDtos.ObjectionView;
import org.gonghui.honors.notice.ObjectionDtos.Resolution;
import org.gonghui.platform.security.Roles;

@Path("/api/v1/honors/objections")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionResource {

    private final ObjectionService objections;

    @Inject
    public ObjectionResource(ObjectionService objections) {
        this.objections = objections;
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resolve an objection; an upheld one withdraws the nomination")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectionView resolve(@PathParam("id") UUID id, @Valid @NotNull Resolution resolution) {
        return objections.resolve(id, resolution);
    }
}
