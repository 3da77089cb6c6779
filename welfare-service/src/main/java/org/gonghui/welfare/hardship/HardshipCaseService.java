package org.gonghui.welfare.hardship;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.welfare.hardship.CaseDtos.CaseView;
import org.gonghui.welfare.hardship.CaseDtos.CreateCaseRequest;
import org.gonghui.welfare.hardship.CaseDtos.HistoryEntry;
import org.gonghui.welfare.hardship.CaseDtos.UpdateCaseRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

/** Hardship case files: creation with duplicate detection, verification, closing, and audited reads. */
@ApplicationScoped
public class HardshipCaseService {

    private static final String ENTITY = "HardshipCase";

    private final EntityManager em;
    private final OrgScope scope;
    private final PersonRefs personRefs;
    private final AuditLog audit;
    private final Event<CaseClosed> closed;

    @Inject
    public HardshipCaseService(EntityManager em, OrgScope scope, PersonRefs personRefs, AuditLog audit,
            Event<CaseClosed> closed) {
        this.em = em;
        this.scope = scope;
        this.personRefs = personRefs;
        this.audit = audit;
        this.closed = closed;
    }

    @Transactional
    public CaseView create(CreateCaseRequest request) {
        HardshipCase c = new HardshipCase();
        c.id = UUID.randomUUID();
        c.kind = request.kind();
        c.name = request.name().trim();
        c.orgCode = scope.orgForCreate(request.orgCode());
        String dedupeKey;
        if (request.kind() == CaseKind.ENTERPRISE) {
            if (request.idNumber() != null) {
                throw ProblemException.invalidField("idNumber", "is not used for an ENTERPRISE case; give creditCode");
            }
            String problem = CreditCodes.problemWith(request.creditCode());
            if (problem != null) {
                throw ProblemException.invalidField("creditCode", problem);
            }
            c.creditCode = CreditCodes.normalise(request.creditCode());
            dedupeKey = "enterprise:" + c.creditCode;
        } else {
            if (request.creditCode() != null) {
                throw ProblemException.invalidField("creditCode", "is only used for an ENTERPRISE case");
            }
            PersonRefs.Person person = personRefs.identify("idNumber", request.idNumber());
            c.personRef = person.personRef();
            c.idNumberMasked = person.idNumberMasked();
            dedupeKey = "person:" + c.personRef;
        }
        // serialise creations for the same person/enterprise so the duplicate check below cannot race
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, dedupeKey)
                .getSingleResult();
        HardshipCase existing = c.personRef != null
                ? HardshipCase.find("personRef = ?1 and status <> ?2", c.personRef, CaseStatus.CLOSED).firstResult()
                : HardshipCase.find("creditCode = ?1 and status <> ?2", c.creditCode, CaseStatus.CLOSED).firstResult();
        if (existing != null) {
            String who = c.personRef != null ? "person" : "enterprise";
            if (scope.covers(existing.orgCode)) {
                throw ProblemException.conflict("duplicate-case", "A live hardship file for this " + who + " exists")
                        .with("existingId", existing.id);
            }
            throw elsewhere(existing, who);
        }
        c.hardships = request.hardships().stream().distinct().map(Enum::name).collect(Collectors.joining(","));
        c.householdSize = request.householdSize();
        c.monthlyIncomeFen = request.monthlyIncomeFen();
        c.notes = request.notes();
        c.status = CaseStatus.OPEN;
        c.createdBy = scope.username();
        c.createdAt = OffsetDateTime.now();
        c.persist();
        em.flush();
        history(c, "CREATED", "hardships=" + c.hardships);
        audit.record("CREATE", ENTITY, c.id, c.orgCode, c.kind + " " + c.hardships);
        return CaseView.of(c);
    }

    /**
     * A live file outside the caller's subtree: that a named resident is a hardship case in another county is not the
     * caller's to know, so the answer names no id, org or name; only that a file exists elsewhere and the next step
     * (the municipal union transfers or closes it). The lookup is audited under the owning org, in its own
     * transaction so that the refusal does not roll it back.
     */
    private ProblemException elsewhere(HardshipCase existing, String who) {
        String lookedUpFrom = scope.org();
        QuarkusTransaction.requiringNew().run(() -> audit.record("DUPLICATE_LOOKUP", ENTITY, existing.id,
                existing.orgCode, "a new file for this " + who + " was refused: live file outside " + lookedUpFrom));
        return ProblemException.conflict("case-held-elsewhere", "This " + who
                + " already has a live hardship file with another union. One file per " + who + " at a time: ask the"
                + " municipal union to transfer that file to your union (or to close it there) instead of opening"
                + " a new one");
    }

    /** Changes the file's facts (not its identity); each change is a history entry listing what changed. */
    @Transactional
    public CaseView update(UUID id, UpdateCaseRequest request) {
        HardshipCase c = visible(id);
        if (c.status == CaseStatus.CLOSED) {
            throw ProblemException.illegalTransition("Hardship case", c.status, "update");
        }
        List<String> changed = new java.util.ArrayList<>();
        if (request.name() != null && !request.name().trim().equals(c.name)) {
            c.name = request.name().trim();
            changed.add("name");
        }
        if (request.hardships() != null) {
            String hardships = request.hardships().stream().distinct().map(Enum::name).collect(Collectors.joining(","));
            if (!hardships.equals(c.hardships)) {
                changed.add("hardships " + c.hardships + " -> " + hardships);
                c.hardships = hardships;
            }
        }
        if (request.householdSize() != null && !request.householdSize().equals(c.householdSize)) {
            changed.add("householdSize " + c.householdSize + " -> " + request.householdSize());
            c.householdSize = request.householdSize();
        }
        if (request.monthlyIncomeFen() != null && !request.monthlyIncomeFen().equals(c.monthlyIncomeFen)) {
            changed.add("monthlyIncomeFen " + c.monthlyIncomeFen + " -> " + request.monthlyIncomeFen());
            c.monthlyIncomeFen = request.monthlyIncomeFen();
        }
        if (request.notes() != null && !request.notes().equals(c.notes)) {
            c.notes = request.notes();
            changed.add("notes");
        }
        if (!changed.isEmpty()) {
            String detail = String.join("; ", changed);
            history(c, "UPDATED", detail);
            audit.record("UPDATE", ENTITY, c.id, c.orgCode, detail);
        }
        return CaseView.of(c);
    }

    @Transactional
    public CaseView verify(UUID id, String note) {
        HardshipCase c = visible(id);
        if (c.status != CaseStatus.OPEN) {
            throw ProblemException.illegalTransition("Hardship case", c.status, "verify");
        }
        c.status = CaseStatus.VERIFIED;
        c.verifiedBy = scope.username();
        c.verifiedAt = OffsetDateTime.now();
        history(c, "VERIFIED", note);
        audit.record("VERIFY", ENTITY, c.id, c.orgCode, note);
        return CaseView.of(c);
    }

    @Transactional
    public CaseView close(UUID id, String reason) {
        HardshipCase c = visible(id);
        if (c.status == CaseStatus.CLOSED) {
            throw ProblemException.illegalTransition("Hardship case", c.status, "close");
        }
        c.status = CaseStatus.CLOSED;
        c.closedBy = scope.username();
        c.closedAt = OffsetDateTime.now();
        c.closeReason = reason;
        history(c, "CLOSED", reason);
        audit.record("CLOSE", ENTITY, c.id, c.orgCode, reason);
        em.flush();
        // the approved grants of a closed file are not paid: they are blocked and their commitment released
        closed.fire(new CaseClosed(c.id, reason));
        return CaseView.of(c);
    }

    /** Every read of a case file is audited. */
    @Transactional
    public CaseView read(UUID id) {
        HardshipCase c = visible(id);
        audit.record("READ", ENTITY, c.id, c.orgCode, null);
        return CaseView.of(c);
    }

    @Transactional
    public Page<CaseView> list(CaseStatus status, CaseKind kind, int page, int size) {
        String query = scope.jpql("orgCode");
        var params = scope.parameters();
        if (status != null) {
            query += " and status = :status";
            params = params.and("status", status);
        }
        if (kind != null) {
            query += " and kind = :kind";
            params = params.and("kind", kind);
        }
        var found = HardshipCase.<HardshipCase>find(query, Sort.descending("createdAt").and("id"), params);
        List<HardshipCase> items = found.page(page, size).list();
        for (HardshipCase c : items) {
            audit.record("READ", ENTITY, c.id, c.orgCode, "list");
        }
        return new Page<>(items.stream().map(CaseView::of).toList(), page, size, found.count());
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<HistoryEntry> history(UUID id) {
        HardshipCase c = visible(id);
        audit.record("READ_HISTORY", ENTITY, c.id, c.orgCode, null);
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, at, actor, action, detail FROM hardship_case_history WHERE case_id = ?1 ORDER BY id")
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> new HistoryEntry(((Number) r[0]).longValue(), toOffset(r[1]), (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }

    /** The case if it lies in the caller's subtree, else 404. */
    public HardshipCase visible(UUID id) {
        HardshipCase c = HardshipCase.findById(id);
        scope.requireVisible(c == null ? null : c.orgCode, "Hardship case");
        return c;
    }

    private void history(HardshipCase c, String action, String detail) {
        em.createNativeQuery("INSERT INTO hardship_case_history (case_id, actor, action, detail) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, c.id).setParameter(2, scope.username()).setParameter(3, action)
                .setParameter(4, detail).executeUpdate();
    }

    static OffsetDateTime toOffset(Object value) {
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
