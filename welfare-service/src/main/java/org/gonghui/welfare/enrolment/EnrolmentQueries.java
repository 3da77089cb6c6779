package org.gonghui.welfare.enrolment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.welfare.enrolment.EnrolmentDtos.EnrolmentView;

@ApplicationScoped
public class EnrolmentQueries {

    private final EntityManager em;
    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public EnrolmentQueries(EntityManager em, OrgScope scope, AuditLog audit) {
        this.em = em;
        this.scope = scope;
        this.audit = audit;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<EnrolmentView> list(String programCode, Integer year, int page, int size) {
        String where = " FROM enrolment WHERE " + scope.sql("org_code")
                + (programCode != null ? " AND program_code = :program" : "")
                + (year != null ? " AND year = :year" : "");
        Query rows = em.createNativeQuery("SELECT id, program_code, year, name, id_number_masked, org_code, unit_name, created_at"
                + where + " ORDER BY created_at, id LIMIT :limit OFFSET :offset");
        Query count = em.createNativeQuery("SELECT count(*)" + where);
        for (Query q : List.of(rows, count)) {
            scope.parameterMap().forEach(q::setParameter);
            if (programCode != null) {
                q.setParameter("program", programCode);
            }
            if (year != null) {
                q.setParameter("year", year);
            }
        }
        rows.setParameter("limit", size).setParameter("offset", page * size);
        List<EnrolmentView> items = ((List<Object[]>) rows.getResultList()).stream()
                .map(r -> new EnrolmentView((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3],
                        (String) r[4], (String) r[5], (String) r[6], toOffset(r[7])))
                .toList();
        audit.record("READ", "Enrolment", programCode + "/" + year, scope.org(), items.size() + " enrolments listed");
        return new Page<>(items, page, size, ((Number) count.getSingleResult()).longValue());
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
}
