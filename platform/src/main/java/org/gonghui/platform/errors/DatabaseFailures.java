package org.gonghui.platform.errors;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/** Recognises failures that mean "the database is not reachable now" rather than "this request is wrong". */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Connection-class SQL states (08xxx), an administrator shutdown (57P01..03) or an exhausted pool, anywhere among
     * the causes and suppressed exceptions: a commit that fails on a dead connection reaches us as a JTA
     * {@code RollbackException} whose database error is only attached as a suppressed {@code XAException}.
     */
    public static boolean isUnavailable(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (e != null) {
            todo.add(e);
        }
        while (!todo.isEmpty() && seen.size() < 100) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // Agroal: "Sorry, acquisition timeout!" when no pooled connection frees up in time
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return false;
    }
}
