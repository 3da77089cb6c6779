package org.gonghui.welfare.program;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;

@Path("/api/v1/welfare/programs")
@Produces(MediaType.APPLICATION_JSON)
public class ProgramResource {

    @GET
    @Authenticated
    @Operation(summary = "The seeded program catalog with its eligibility rules, caps and approval thresholds")
    public List<ProgramView> list() {
        return Program.<Program>listAll(Sort.ascending("code")).stream().map(ProgramView::of).toList();
    }
}
