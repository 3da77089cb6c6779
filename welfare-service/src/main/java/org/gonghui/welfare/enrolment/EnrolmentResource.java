package org.gonghui.welfare.enrolment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.Roles;
import org.gonghui.platform.upload.TableUpload;
import org.gonghui.welfare.enrolment.EnrolmentDtos.EnrolmentView;

@Path("/api/v1/welfare/enrolments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    private final EnrolmentImporter importer;
    private final EnrolmentQueries queries;

    @Inject
    public EnrolmentResource(EnrolmentImporter importer, EnrolmentQueries queries) {
        this.importer = importer;
        this.queries = queries;
    }

    @POST
    @Path("/import")
    @Consumes({ "text/csv", TableUpload.XLSX })
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Bulk enrolment from rows name,idNumber,orgCode,unitName: CSV in UTF-8 (BOM or not) or GB18030, or an xlsx workbook's first sheet (Idempotency-Key honoured); one enrolment per person, program and year")
    public Response importCsv(@QueryParam("programCode") String programCode,
            @QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(IdempotencyKeys.HEADER) String key, byte[] body) {
        // an empty upload enrols nobody (200, accepted 0), as it always has
        String csv = body == null || body.length == 0 ? "" : TableUpload.csvText(contentType, body);
        return importer.importCsv(programCode, year, key, csv);
    }

    @GET
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Enrolments in the caller's org subtree (ID numbers masked)")
    public Page<EnrolmentView> list(@QueryParam("programCode") String programCode,
            @QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @BeanParam @Valid PageParams page) {
        return queries.list(programCode, year, page.page, page.size);
    }
}
