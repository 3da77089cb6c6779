package org.gonghui.welfare.hardship;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ItemBatch;
import org.gonghui.platform.security.Roles;
import org.gonghui.welfare.hardship.CaseDtos.CaseView;
import org.gonghui.welfare.hardship.CaseDtos.CreateCaseRequest;

/**
 * Batches of case files (a county's files after a home-visit campaign): the single-file rules per item, in one
 * transaction, all or nothing; a refused item (e.g. 409 duplicate-case with its existingId) fails the batch with
 * {@code item} set to its index.
 */
@Path("/api/v1/welfare/cases/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HardshipCaseBatchResource {

    static final int MAX_ITEMS = 500;

    public record CreateBatch(@NotEmpty @Size(max = MAX_ITEMS) List<@Valid @NotNull CreateCaseRequest> items) {
    }

    public record VerifyBatch(@NotEmpty @Size(max = MAX_ITEMS) List<@NotNull UUID> ids, @Size(max = 2000) String note) {
    }

    public record BatchResult(List<CaseView> items) {
    }

    private final HardshipCaseService cases;

    @Inject
    public HardshipCaseBatchResource(HardshipCaseService cases) {
        this.cases = cases;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    @Transactional
    @Operation(summary = "Open up to 500 case files at once; all or nothing (409 duplicate-case names the item)")
    public BatchResult create(@Valid @NotNull CreateBatch batch) {
        return new BatchResult(ItemBatch.applyAll(batch.items(), cases::create));
    }

    @POST
    @Path("/verify")
    @RolesAllowed(Roles.STAFF)
    @Transactional
    @Operation(summary = "Verify up to 500 open case files at once; all or nothing")
    public BatchResult verify(@Valid @NotNull VerifyBatch batch) {
        return new BatchResult(ItemBatch.applyAll(batch.ids(), id -> cases.verify(id, batch.note())));
    }
}
