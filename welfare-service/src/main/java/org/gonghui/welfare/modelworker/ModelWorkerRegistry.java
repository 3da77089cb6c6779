package org.gonghui.welfare.modelworker;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;
import org.jboss.logging.Logger;

/**
 * Keeps the model-worker registry in step with honors: a conferred model-worker title adds an entry, a revoked one
 * ends it and fires {@link ModelWorkerRevoked} so pending applications are re-checked. Idempotent per honor id, on
 * top of the inbox's dedupe per event id (a republished event has a new event id).
 */
@ApplicationScoped
public class ModelWorkerRegistry implements EventHandler {

    private static final Logger LOG = Logger.getLogger(ModelWorkerRegistry.class);
    private static final Set<String> REGISTRY_LEVELS = Set.of("NATIONAL", "PROVINCIAL", "MUNICIPAL");

    private final EntityManager em;
    private final AuditLog audit;
    private final Event<ModelWorkerRevoked> revocations;

    @Inject
    public ModelWorkerRegistry(EntityManager em, AuditLog audit, Event<ModelWorkerRevoked> revocations) {
        this.em = em;
        this.audit = audit;
        this.revocations = revocations;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.HONOR_CONFERRED, EventType.HONOR_REVOKED);
    }

    @Override
    @ActivateRequestContext // the audit log and org scope are request scoped; a consumed event has no request
    public void handle(IncomingEvent event) {
        if (event.type() == EventType.HONOR_CONFERRED) {
            conferred(event.dataAs(HonorConferred.class));
        } else {
            revoked(event.dataAs(HonorRevoked.class));
        }
    }

    void conferred(HonorConferred honor) {
        // only individual model-worker titles with a known person and a registry level count
        if (!honor.modelWorker() || honor.personRef() == null || !REGISTRY_LEVELS.contains(honor.level())) {
            return;
        }
        int inserted = em.createNativeQuery("""
                INSERT INTO model_worker (id, honor_id, person_ref, name, level, award_code, since_year, org_code,
                                          unit_name, conferred_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                ON CONFLICT (honor_id) DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, honor.honorId())
                .setParameter(3, honor.personRef()).setParameter(4, honor.name()).setParameter(5, honor.level())
                .setParameter(6, honor.awardCode()).setParameter(7, honor.year()).setParameter(8, honor.orgCode())
                .setParameter(9, honor.unitName()).setParameter(10, honor.conferredAt()).executeUpdate();
        if (inserted == 1) {
            audit.record("REGISTER", "ModelWorker", honor.honorId(), honor.orgCode(), honor.level() + " " + honor.year());
        } else {
            LOG.debugf("honor %s is already in the model-worker registry", honor.honorId());
        }
    }

    void revoked(HonorRevoked honor) {
        if (!honor.modelWorker()) {
            return;
        }
        int updated = em.createNativeQuery("""
                UPDATE model_worker SET revoked_at = ?1, revoke_reason = ?2
                WHERE honor_id = ?3 AND revoked_at IS NULL""")
                .setParameter(1, honor.revokedAt() == null ? OffsetDateTime.now() : honor.revokedAt())
                .setParameter(2, honor.reason()).setParameter(3, honor.honorId()).executeUpdate();
        if (updated == 1) {
            audit.record("REVOKE", "ModelWorker", honor.honorId(), honor.orgCode(), honor.reason());
            revocations.fire(new ModelWorkerRevoked(honor.honorId(), honor.personRef()));
        }
    }

    /** Fired (synchronously, in the consuming transaction) when a registry entry ends. */
    public record ModelWorkerRevoked(UUID honorId, String personRef) {
    }
}
