package org.gonghui.platform.audit;

import static org.gonghui.platform.transaction.TransactionJdbc.text;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.tracing.TraceContexts;
import org.gonghui.platform.transaction.TransactionJdbc;

/**
 * The append-only audit trail (a database trigger refuses UPDATE and DELETE): state changes and reads of personal
 * data, with the acting account, written in the transaction of the action itself.
 */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final JsonWebToken jwt;
    private final TraceContexts traces;
    private final TransactionJdbc jdbc;
    private final String service;

    @Inject
    public AuditLog(EntityManager em, JsonWebToken jwt, TraceContexts traces, TransactionJdbc jdbc,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.em = em;
        this.jwt = jwt;
        this.traces = traces;
        this.jdbc = jdbc;
        this.service = service;
    }

    /** Records an action by the current caller (or {@code system} outside a request, e.g. a consumed event). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String action, String entityType, Object entityId, String orgCode, String detail) {
        // consumed events run outside any HTTP request: no token, the actor is the system itself
        boolean inRequest = io.quarkus.arc.Arc.container().requestContext().isActive();
        String actor = inRequest && jwt.getName() != null ? jwt.getName() : "system";
        String actorOrg = inRequest ? jwt.getClaim(OrgScope.ORG_CLAIM) : null;
        String entity = entityId == null ? null : entityId.toString();
        String traceId = traces.currentTraceId();
        // the caller's pending changes first, as a native query did: TransactionJdbc does not flush
        em.flush();
        jdbc.update("""
                INSERT INTO audit_log (service, actor, actor_org, action, entity_type, entity_id, org_code, detail, trace_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", text(service), text(actor), text(actorOrg), text(action),
                text(entityType), text(entity), text(orgCode), text(detail), text(traceId));
    }

    /** Entries about records in the caller's org subtree, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<AuditEntry> search(OrgScope scope, String actor, OffsetDateTime from, OffsetDateTime to, int page,
            int size) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, at, service, actor, actor_org, action, entity_type, entity_id, org_code, detail, trace_id
                FROM audit_log WHERE (""" + scope.sql("org_code") + " OR (org_code IS NULL AND "
                + scope.sql("actor_org") + "))");
        if (actor != null) {
            sql.append(" AND actor = :actor");
        }
        if (from != null) {
            sql.append(" AND at >= :from");
        }
        if (to != null) {
            sql.append(" AND at < :to");
        }
        sql.append(" ORDER BY at DESC, id DESC");
        Query query = em.createNativeQuery(sql.toString());
        scope.parameterMap().forEach(query::setParameter);
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        query.setFirstResult(page * size).setMaxResults(size);
        List<AuditEntry> entries = new ArrayList<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            entries.add(new AuditEntry(((Number) row[0]).longValue(), toOffset(row[1]), (String) row[2],
                    (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                    (String) row[8], (String) row[9], (String) row[10]));
        }
        return entries;
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    public record AuditEntry(long id, OffsetDateTime at, String service, String actor, String actorOrg, String action,
            String entityType, String entityId, String orgCode, String detail, String traceId) {
    }
}
