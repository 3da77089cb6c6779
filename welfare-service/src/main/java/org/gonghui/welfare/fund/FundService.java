package org.gonghui.welfare.fund;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.welfare.fund.FundDtos.CreateFundRequest;
import org.gonghui.welfare.fund.FundDtos.FundView;
import org.gonghui.welfare.fund.FundDtos.LedgerEntryView;

import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class FundService {

    private final EntityManager em;
    private final OrgScope scope;
    private final Ledger ledger;
    private final AuditLog audit;
    private final FundSettings settings;

    @Inject
    public FundService(EntityManager em, OrgScope scope, Ledger ledger, AuditLog audit, FundSettings settings) {
        this.em = em;
        this.scope = scope;
        this.ledger = ledger;
        this.audit = audit;
        this.settings = settings;
    }

    /** A new fund; its opening budget is the first ledger entry. */
    @Transactional
    public FundView create(CreateFundRequest request) {
        Fund f = new Fund();
        f.id = UUID.randomUUID();
        f.code = request.code();
        f.name = request.name().trim();
        f.year = request.year();
        f.orgCode = scope.orgForCreate(request.orgCode());
        String closing = FundYears.problemWithClosingDate(f.year, request.closesOn());
        if (closing != null) {
            throw ProblemException.invalidField("closesOn", closing);
        }
        f.closesOn = FundYears.closesOn(f.year, request.closesOn(), settings.closingDay());
        if (Fund.count("code = ?1 and year = ?2", f.code, f.year) > 0) {
            throw ProblemException.conflict("duplicate-fund", "A fund " + f.code + " exists for " + f.year);
        }
        f.budgetFen = 0;
        f.createdBy = scope.username();
        f.createdAt = OffsetDateTime.now();
        f.persist();
        em.flush();
        if (request.budgetFen() > 0) {
            ledger.changeBudget(f.id, request.budgetFen(), scope.username(), "opening budget");
        }
        audit.record("CREATE", "Fund", f.id, f.orgCode, f.code + " " + f.year + " budget " + request.budgetFen()
                + " closes " + f.closesOn);
        return FundView.of(reloaded(f.id));
    }

    @Transactional
    public FundView changeBudget(UUID id, long deltaFen, String reason) {
        Fund f = visible(id);
        ledger.changeBudget(f.id, deltaFen, scope.username(), reason);
        audit.record("CHANGE_BUDGET", "Fund", f.id, f.orgCode, deltaFen + " fen: " + reason);
        return FundView.of(reloaded(id));
    }

    @Transactional
    public FundView get(UUID id) {
        return FundView.of(visible(id));
    }

    @Transactional
    public Page<FundView> list(Integer year, int page, int size) {
        String query = scope.jpql("orgCode");
        var params = scope.parameters();
        if (year != null) {
            query += " and year = :year";
            params = params.and("year", year);
        }
        var found = Fund.<Fund>find(query, Sort.descending("year").and("code"), params);
        return Page.of(found, page, size, FundView::of);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<LedgerEntryView> ledger(UUID id, int page, int size) {
        Fund f = visible(id);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, fund_id, kind, amount_fen, debit_account, credit_account, application_id, actor, note, created_at
                FROM ledger_entry WHERE fund_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3""")
                .setParameter(1, f.id).setParameter(2, size).setParameter(3, page * size).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM ledger_entry WHERE fund_id = ?1")
                .setParameter(1, f.id).getSingleResult()).longValue();
        List<LedgerEntryView> items = rows.stream().map(r -> new LedgerEntryView(((Number) r[0]).longValue(),
                (UUID) r[1], LedgerKind.valueOf((String) r[2]), ((Number) r[3]).longValue(), (String) r[4],
                (String) r[5], (UUID) r[6], (String) r[7], (String) r[8], toOffset(r[9]))).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * 422 {@code fund-closed} once the fund's closing date (Asia/Shanghai) has passed: a closed year takes no new
     * grants (submissions and approvals); approved grants are still paid.
     */
    public void requireTakesGrants(Fund f) {
        if (!FundYears.takesGrants(f.closesOn, FundYears.today(java.time.Instant.now()))) {
            throw ProblemException.unprocessable("fund-closed", "Fund " + f.code + " of " + f.year
                    + " took its last new grants on " + f.closesOn + "; grants now come from a fund of the current year")
                    .with("closesOn", f.closesOn.toString());
        }
    }

    /** The fund if it lies in the caller's subtree, else 404. */
    public Fund visible(UUID id) {
        Fund f = Fund.findById(id);
        scope.requireVisible(f == null ? null : f.orgCode, "Fund");
        return f;
    }

    /** The fund as the database holds it now (after the ledger's SQL updates). */
    public Fund reloaded(UUID id) {
        Fund f = Fund.findById(id);
        em.refresh(f);
        return f;
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
