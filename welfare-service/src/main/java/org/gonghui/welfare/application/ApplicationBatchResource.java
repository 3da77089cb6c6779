package org.gonghui.welfare.application;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.errors.ItemBatch;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.welfare.application.ApplicationDtos.ApplicationView;
import org.gonghui.welfare.application.ApplicationDtos.SubmitApplicationRequest;

/**
 * Batches of the three clerk steps (a county's student aid is thousands of grants in a few days): each batch runs the
 * single-item rules for every item in one transaction, all or nothing; a refused item fails the batch with its
 * problem plus {@code item} (its index), and nothing of the batch is kept. Four-eyes still holds per item.
 */
@Path("/api/v1/welfare/applications/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationBatchResource {

    static final int MAX_ITEMS = 500;

    public record SubmitBatch(@NotEmpty @Size(max = MAX_ITEMS) List<@Valid @NotNull SubmitApplicationRequest> items) {
    }

    public record IdBatch(@NotEmpty @Size(max = MAX_ITEMS) List<@NotNull UUID> ids) {
    }

    public record BatchResult(List<ApplicationView> items) {
    }

    private final ApplicationService applications;
    private final IdempotencyKeys idempotency;
    private final OrgScope scope;

    @Inject
    public ApplicationBatchResource(ApplicationService applications, IdempotencyKeys idempotency, OrgScope scope) {
        this.applications = applications;
        this.idempotency = idempotency;
        this.scope = scope;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    @Transactional
    @Operation(summary = "Submit up to 500 applications at once (Idempotency-Key honoured); all or nothing")
    public Response submit(@HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull SubmitBatch batch) {
        return idempotency.execute("welfare.apply-batch:" + scope.subject(), key, batch,
                () -> Response.ok(each(batch.items(), applications::submitOne)).build());
    }

    @POST
    @Path("/approve")
    @RolesAllowed(Roles.REVIEWER)
    @Transactional
    @Operation(summary = "Approve up to 500 applications at once (four-eyes per item); all or nothing")
    public BatchResult approve(@Valid @NotNull IdBatch batch) {
        return each(batch.ids(), applications::approve);
    }

    @POST
    @Path("/pay")
    @RolesAllowed(Roles.FINANCE)
    @Transactional
    @Operation(summary = "Pay up to 500 approved applications at once (Idempotency-Key required); all or nothing")
    public Response pay(@HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull IdBatch batch) {
        if (key == null) {
            throw ProblemException.badRequest("idempotency-key-required",
                    "A payout needs an Idempotency-Key header so that a retry cannot pay twice");
        }
        return idempotency.execute("welfare.pay-batch:" + scope.subject(), key, batch,
                () -> Response.ok(each(batch.ids(), applications::payNow)).build());
    }

    private static <T> BatchResult each(List<T> items, Function<T, ApplicationView> step) {
        return new BatchResult(ItemBatch.applyAll(items, step));
    }
}
