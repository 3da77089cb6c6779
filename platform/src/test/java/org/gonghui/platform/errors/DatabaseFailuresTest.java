package org.gonghui.platform.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aCommitOnATerminatedConnectionIsUnavailableNotAnUnexpectedError() {
        // the shape the fault test met: pg_terminate_backend between the statements and the commit of a payout
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseFailures.isUnavailable(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void connectionStatesAnywhereInTheCauseChainCount() {
        assertTrue(DatabaseFailures.isUnavailable(new IllegalStateException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseFailures.isUnavailable(new RuntimeException("Sorry, acquisition timeout!")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("duplicate key", "23505")));
        RollbackException rollback = new RollbackException("rolled back");
        rollback.addSuppressed(new SQLException("check violation", "23514"));
        assertFalse(DatabaseFailures.isUnavailable(rollback));
        assertFalse(DatabaseFailures.isUnavailable(null));
    }
}
