package org.gonghui.honors.honor;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.upload.TableUpload;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@Path("/api/v1/honors/honors")
@Produces(MediaType.APPLICATION_JSON)
public class HonorResource {

    private final HonorService honors;
    private final HonorImporter importer;
    private final ImportParser parser;
    private final IdempotencyKeys idempotency;
    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public HonorResource(HonorService honors, HonorImporter importer, ImportParser parser,
            IdempotencyKeys idempotency, OrgScope scope, AuditLog audit) {
        this.audit = audit;
        this.honors = honors;
        this.importer = importer;
        this.parser = parser;
        this.idempotency = idempotency;
        this.scope = scope;
    }

    public record RevokeRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @RolesAllowed("**")
    @Transactional
    @Operation(summary = "Conferred honors in the caller's org subtree")
    public Page<HonorView> list(@QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @QueryParam("award") String award, @QueryParam("orgCode") String orgCode,
            // a String so that a typo (includeRevoked=yes) is a 400, not silently false
            @QueryParam("includeRevoked") @Pattern(regexp = "true|false", message = "must be true or false")
            String includeRevoked, @BeanParam @Valid PageParams page) {
        StringBuilder where = new StringBuilder(scope.jpql("orgCode"));
        Parameters params = scope.parameters();
        if (!"true".equals(includeRevoked)) {
            where.append(" and revokedAt is null");
        }
        if (year != null) {
            where.append(" and year = :year");
            params.and("year", year);
        }
        if (award != null) {
            where.append(" and awardCode = :award");
            params.and("award", award);
        }
        if (orgCode != null) {
            if (!OrgCodes.isValid(orgCode)) {
                throw ProblemException.invalidField("orgCode", "must be a dotted lowercase org code like ld.lsj");
            }
            // a subtree filter inside the caller's own; outside it simply matches nothing
            where.append(" and (orgCode = :org or orgCode like :orgPrefix)");
            params.and("org", orgCode).and("orgPrefix", orgCode + ".%");
        }
        PanacheQuery<Honor> query = Honor.find(where.toString(),
                Sort.descending("year").and("awardCode").and("certificateNo"), params);
        List<HonorView> items = query.page(page.page, page.size).list().stream().map(Honor::view).toList();
        long personal = items.stream().filter(h -> h.idNumberMasked() != null).count();
        if (personal > 0) {
            audit.record("honor.list", "Honor", null, scope.org(),
                    "personal data of " + personal + " recipient(s) read; year=" + year + " award=" + award);
        }
        return new Page<>(items, page.page, page.size, query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Transactional
    @Operation(summary = "One conferred (or revoked) honor; 404 when absent or outside the caller's org subtree")
    public HonorView get(@PathParam("id") UUID id) {
        Honor h = Honor.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Honor");
        }
        scope.requireVisible(h.orgCode, "Honor");
        HonorView view = h.view();
        // the same rule as the list: reading a recipient's (masked) ID number leaves an audit trace
        if (view.idNumberMasked() != null) {
            audit.record("honor.read", "Honor", h.id, h.orgCode, "personal data of 1 recipient read");
        }
        return view;
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({ "text/csv", TableUpload.XLSX, MediaType.APPLICATION_JSON })
    @Transactional
    @Operation(summary = "Import historical honors (text/csv in UTF-8 or GB18030, an xlsx workbook's first sheet, or a JSON array); each accepted row emits honor-conferred. Honors Idempotency-Key.")
    public Response importHonors(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey, byte[] body) {
        String type = contentType == null ? MediaType.APPLICATION_JSON : contentType;
        String text = parser.text(type, body);
        return idempotency.execute("honors.import:" + scope.subject(), idempotencyKey,
                Map.of("contentType", type.split(";")[0].strip(), "body", text),
                () -> Response.ok(importer.importRows(parser.parse(type, body, text))).build());
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an honor with a reason; emits honor-revoked")
    public HonorView revoke(@PathParam("id") UUID id, @Valid @NotNull RevokeRequest request) {
        return honors.revoke(id, request.reason());
    }
}
