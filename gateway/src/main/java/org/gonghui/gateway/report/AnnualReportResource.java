package org.gonghui.gateway.report;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gonghui.gateway.org.OrgUnit;
import org.gonghui.gateway.routing.UpstreamCalls;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/reports/annual/{year}}: each service's {@code stats} for the year, gathered in parallel with the
 * caller's token (so a county sees its own subtree). A service that does not answer in time leaves its section null
 * and marks the report partial. JSON by default; xlsx when {@code ?format=xlsx} or {@code Accept} asks for it (the
 * query parameter wins, as a browser link cannot set {@code Accept}).
 */
@Path("/api/v1/reports/annual/{year}")
public class AnnualReportResource {

    /** The annual report (shape in the API contract). */
    public record AnnualReport(int year, String orgCode, JsonNode honors, JsonNode welfare, JsonNode volunteer,
            boolean partial) {
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final MediaType XLSX = MediaType.valueOf(AnnualReportWorkbook.MEDIA_TYPE);

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
    @Produces({ MediaType.APPLICATION_JSON, AnnualReportWorkbook.MEDIA_TYPE })
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The annual report of the caller's subtree from the three services' stats, as JSON or as an"
            + " xlsx workbook (a summary sheet and one sheet per section, Chinese and English headings, yuan with two"
            + " decimals)")
    @APIResponse(responseCode = "200", description = "The report; the xlsx comes as an attachment named"
            + " gonghui-annual-<year>-<orgCode>.xlsx", headers = @Header(name = "Content-Disposition",
                    description = "xlsx only: attachment; filename=\"gonghui-annual-<year>-<orgCode>.xlsx\"",
                    schema = @Schema(type = SchemaType.STRING)), content = {
                            @Content(mediaType = MediaType.APPLICATION_JSON,
                                    schema = @Schema(implementation = AnnualReport.class)),
                            @Content(mediaType = AnnualReportWorkbook.MEDIA_TYPE,
                                    schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "400", description = "An unknown format, or a year out of range",
            content = @Content(mediaType = "application/problem+json"))
    public Response report(@PathParam("year") @Min(1949) @Max(2100) int year,
            @Parameter(description = "json or xlsx; overrides Accept",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "xlsx" }))
            @QueryParam("format") String format,
            @HeaderParam("Authorization") String authorization, @Context HttpHeaders headers) {
        boolean xlsx = wantsXlsx(format, headers);
        CompletableFuture<JsonNode> honors = stats("honors", year, authorization);
        CompletableFuture<JsonNode> welfare = stats("welfare", year, authorization);
        CompletableFuture<JsonNode> volunteer = stats("volunteer", year, authorization);
        CompletableFuture<JsonNode> awards = xlsx ? get("honors", "/api/v1/honors/awards", authorization)
                : CompletableFuture.completedFuture(null);
        JsonNode h = section(honors.join());
        JsonNode w = section(welfare.join());
        JsonNode v = section(volunteer.join());
        AnnualReport report = new AnnualReport(year, scope.org(), h, w, v, h == null || w == null || v == null);
        if (!xlsx) {
            return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        }
        OrgUnit org = OrgUnit.findById(report.orgCode());
        var context = new AnnualReportWorkbook.Context(LocalDateTime.now(ZONE), org == null ? null : org.name,
                awardNames(awards.join()));
        String filename = ("gonghui-annual-" + year + "-" + report.orgCode()).replaceAll("[^A-Za-z0-9._-]", "_")
                + ".xlsx";
        return Response.ok(AnnualReportWorkbook.write(report, context), XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** {@code ?format=} decides when given; otherwise the first of JSON and xlsx that {@code Accept} takes. */
    private static boolean wantsXlsx(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "xlsx" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "must be json or xlsx");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) { // most preferred first
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(XLSX)) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<JsonNode> stats(String service, int year, String authorization) {
        return get(service, "/api/v1/" + service + "/stats?year=" + year, authorization);
    }

    private CompletableFuture<JsonNode> get(String service, String pathAndQuery, String authorization) {
        if (!calls.services().containsKey(service)) {
            return CompletableFuture.completedFuture(null);
        }
        return calls.get(service, pathAndQuery, authorization, timeout);
    }

    /** "五一标兵 May Day Model" by award code, from the catalog; none when it did not answer (codes are shown then). */
    private static Map<String, String> awardNames(JsonNode catalog) {
        Map<String, String> names = new HashMap<>();
        if (catalog != null && catalog.isArray()) {
            catalog.forEach(a -> {
                if (a.hasNonNull("code") && a.hasNonNull("name")) {
                    names.put(a.path("code").asText(), (a.path("name").asText() + " "
                            + a.path("nameEn").asText("")).strip());
                }
            });
        }
        return names;
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
