package org.gonghui.platform.operations;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.operations.DeadLetters.DeadLetter;
import org.gonghui.platform.outbox.OutboxRelay;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

/**
 * Operations endpoints of every service, on its own port (the gateway does not route {@code /ops}): dead letters and
 * their replay, the outbox backlog, and re-publishing events from a point in time. City-level admins only.
 */
@Path("/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OperationsResource {

    private final DeadLetters deadLetters;
    private final OutboxRelay relay;
    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public OperationsResource(DeadLetters deadLetters, OutboxRelay relay, OrgScope scope, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.relay = relay;
        this.scope = scope;
        this.audit = audit;
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Events this service's consumer gave up on and has not replayed yet")
    public List<DeadLetter> deadLetters(@QueryParam("max") @DefaultValue("100") @Min(1) @Max(10_000) int max) {
        requireCityAdmin();
        return deadLetters.pending(max);
    }

    @POST
    @Path("/dead-letters/replay")
    @Operation(summary = "Re-publish pending dead letters to their original topics (after a fix)")
    public Map<String, Object> replay(@QueryParam("max") @DefaultValue("100") @Min(1) @Max(10_000) int max) {
        requireCityAdmin();
        List<DeadLetter> replayed = deadLetters.replay(max);
        audit.record("dead-letters-replayed", "dead-letter", null, scope.org(), replayed.size() + " replayed");
        return Map.of("replayed", replayed.size(), "eventIds", replayed.stream().map(DeadLetter::eventId).toList());
    }

    @GET
    @Path("/outbox")
    @Operation(summary = "Events written and not yet published, and whether the relay is paused")
    public Map<String, Object> outbox() throws SQLException {
        requireCityAdmin();
        return Map.of("backlog", relay.backlog(), "paused", relay.isPaused());
    }

    // Pausing leaves committed events in the outbox (broker maintenance; the fault tests crash a service between
    // commit and publish with it). It lasts until resume or the next start of the process.
    @POST
    @Path("/outbox/pause")
    @Operation(summary = "Stop publishing the outbox until resume or restart; writes go on and pile up")
    public Map<String, Object> pause() throws SQLException {
        requireCityAdmin();
        relay.pause();
        audit.record("outbox-paused", "outbox", null, scope.org(), null);
        return Map.of("backlog", relay.backlog(), "paused", true);
    }

    @POST
    @Path("/outbox/resume")
    @Operation(summary = "Publish the outbox again, starting with the backlog")
    public Map<String, Object> resume() throws SQLException {
        requireCityAdmin();
        relay.resume();
        audit.record("outbox-resumed", "outbox", null, scope.org(), null);
        return Map.of("backlog", relay.backlog(), "paused", false);
    }

    @POST
    @Path("/outbox/republish")
    @Operation(summary = "Publish again every event written since a point in time (a consumer lost its database)")
    public Map<String, Object> republish(@QueryParam("since") @NotNull OffsetDateTime since) throws SQLException {
        requireCityAdmin();
        int count = relay.republishSince(since);
        audit.record("outbox-republished", "outbox", null, scope.org(), count + " events since " + since);
        return Map.of("republished", count, "since", since.toString());
    }

    private void requireCityAdmin() {
        if (scope.org().contains(".")) {
            throw org.gonghui.platform.errors.ProblemException.forbidden("city-admin-only",
                    "operations endpoints are for admins of the municipal federation");
        }
    }
}
