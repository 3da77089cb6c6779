package org.gonghui.welfare.fund;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.platform.errors.ProblemException;

/**
 * The only code that changes a fund's totals. Each change is one conditional UPDATE of the fund row (the row lock it
 * takes serialises concurrent changes; the WHERE clause refuses any change that would overspend) plus one ledger
 * entry, both in the caller's transaction. The table's CHECK constraint backs the WHERE clause up.
 */
@ApplicationScoped
public class Ledger {

    public static final String AVAILABLE = "available";
    public static final String COMMITTED = "committed";
    public static final String BUDGET = "budget";

    private final EntityManager em;

    @Inject
    public Ledger(EntityManager em) {
        this.em = em;
    }

    /** Budget change (positive or negative); a cut may not make the available amount negative. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeBudget(UUID fundId, long deltaFen, String actor, String note) {
        if (deltaFen == 0) {
            throw ProblemException.invalidField("deltaFen", "must not be 0");
        }
        int updated = em.createNativeQuery("""
                UPDATE fund SET budget_fen = budget_fen + ?1
                WHERE id = ?2 AND budget_fen + ?1 >= 0 AND budget_fen + ?1 - committed_fen - paid_fen >= 0""")
                .setParameter(1, deltaFen).setParameter(2, fundId).executeUpdate();
        if (updated != 1) {
            throw ProblemException.conflict("insufficient-funds",
                    "The budget cut is larger than the fund's available amount").with("fundId", fundId);
        }
        entry(fundId, LedgerKind.BUDGET, deltaFen, BUDGET, AVAILABLE, null, actor, note);
    }

    /** Reserves {@code amountFen} for an approved application; 409 insufficient-funds when it does not fit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commit(UUID fundId, long amountFen, UUID applicationId, String actor) {
        int updated = em.createNativeQuery("""
                UPDATE fund SET committed_fen = committed_fen + ?1
                WHERE id = ?2 AND budget_fen - committed_fen - paid_fen >= ?1""")
                .setParameter(1, amountFen).setParameter(2, fundId).executeUpdate();
        if (updated != 1) {
            Object available = em.createNativeQuery("SELECT budget_fen - committed_fen - paid_fen FROM fund WHERE id = ?1")
                    .setParameter(1, fundId).getSingleResult();
            throw ProblemException.conflict("insufficient-funds",
                    "The fund cannot cover " + amountFen + " fen (available " + available + " fen)")
                    .with("fundId", fundId).with("availableFen", ((Number) available).longValue())
                    .with("requestedFen", amountFen);
        }
        entry(fundId, LedgerKind.COMMIT, amountFen, AVAILABLE, COMMITTED, applicationId, actor, null);
    }

    /** Gives back the commitment of an approved application that will not be paid. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID fundId, long amountFen, UUID applicationId, String actor, String note) {
        int updated = em.createNativeQuery(
                "UPDATE fund SET committed_fen = committed_fen - ?1 WHERE id = ?2 AND committed_fen >= ?1")
                .setParameter(1, amountFen).setParameter(2, fundId).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("fund " + fundId + " has less committed than " + amountFen);
        }
        entry(fundId, LedgerKind.RELEASE, amountFen, COMMITTED, AVAILABLE, applicationId, actor, note);
    }

    /** Moves an application's commitment to paid: fund -> beneficiary. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void payout(UUID fundId, long amountFen, UUID applicationId, String beneficiaryAccount, String actor) {
        int updated = em.createNativeQuery("""
                UPDATE fund SET committed_fen = committed_fen - ?1, paid_fen = paid_fen + ?1
                WHERE id = ?2 AND committed_fen >= ?1""")
                .setParameter(1, amountFen).setParameter(2, fundId).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("fund " + fundId + " has less committed than " + amountFen);
        }
        entry(fundId, LedgerKind.PAYOUT, amountFen, COMMITTED, beneficiaryAccount, applicationId, actor, null);
    }

    private void entry(UUID fundId, LedgerKind kind, long amountFen, String debit, String credit, UUID applicationId,
            String actor, String note) {
        em.createNativeQuery("""
                INSERT INTO ledger_entry (fund_id, kind, amount_fen, debit_account, credit_account, application_id, actor, note)
                VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS uuid), ?7, CAST(?8 AS text))""")
                .setParameter(1, fundId).setParameter(2, kind.name()).setParameter(3, amountFen)
                .setParameter(4, debit).setParameter(5, credit).setParameter(6, applicationId == null ? null : applicationId.toString())
                .setParameter(7, actor).setParameter(8, note).executeUpdate();
    }
}
