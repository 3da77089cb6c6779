package org.gonghui.platform.errors;

import java.sql.SQLException;

/** Recognises failures that mean "the database is not reachable now" rather than "this request is wrong". */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Connection-class SQL states (08xxx), an administrator shutdown (57P01..03) or an exhausted pool. */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // Agroal: "Sorry, acquisition timeout!" when no pooled connection frees up in time
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
