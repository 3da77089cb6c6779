package org.gonghui.gateway.report;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.gateway.routing.UpstreamCalls;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/reports/annual/{year}}: each service's {@code stats} for the year, gathered in parallel with the
 * caller's token (so a county sees its own subtree). A service that does not answer in time leaves its section null
 * and marks the report partial.
 */
@Path("/api/v1/reports/annual/{year}")
public class AnnualReportResource {

    /** The annual report (shape in the API contract). */
    public record AnnualReport(int year, String orgCode, JsonNode honors, JsonNode welfare, JsonNode volunteer,
            boolean partial) {
    }

    private final UpstreamCalls calls;
    private final OrgScope scope;
    private final Duration timeout;

    public AnnualReportResource(UpstreamCalls calls, OrgScope scope,
            @ConfigProperty(name = "gonghui.report.timeout", defaultValue = "5s") Duration timeout) {
        this.calls = calls;
        this.scope = scope;
        this.timeout = timeout;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The annual report of the caller's subtree from the three services' stats")
    public AnnualReport report(@PathParam("year") @Min(1949) @Max(2100) int year,
            @HeaderParam("Authorization") String authorization) {
        CompletableFuture<JsonNode> honors = stats("honors", year, authorization);
        CompletableFuture<JsonNode> welfare = stats("welfare", year, authorization);
        CompletableFuture<JsonNode> volunteer = stats("volunteer", year, authorization);
        JsonNode h = section(honors.join());
        JsonNode w = section(welfare.join());
        JsonNode v = section(volunteer.join());
        return new AnnualReport(year, scope.org(), h, w, v, h == null || w == null || v == null);
    }

    @GET
    @Produces(AnnualReportWorkbook.MEDIA_TYPE)
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The annual report as an xlsx workbook (one row per figure)")
    public Response workbook(@PathParam("year") @Min(1949) @Max(2100) int year,
            @HeaderParam("Authorization") String authorization) {
        AnnualReport report = report(year, authorization);
        return Response.ok(AnnualReportWorkbook.write(report), AnnualReportWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"gonghui-annual-" + year + "-"
                        + report.orgCode() + ".xlsx\"")
                .build();
    }

    private CompletableFuture<JsonNode> stats(String service, int year, String authorization) {
        if (!calls.services().containsKey(service)) {
            return CompletableFuture.completedFuture(null);
        }
        return calls.get(service, "/api/v1/" + service + "/stats?year=" + year, authorization, timeout);
    }

    /** A service's stats without the fields the report already carries at the top. */
    private static JsonNode section(JsonNode stats) {
        if (!(stats instanceof ObjectNode object)) {
            return null;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("year");
        copy.remove("orgCode");
        return copy;
    }
}
