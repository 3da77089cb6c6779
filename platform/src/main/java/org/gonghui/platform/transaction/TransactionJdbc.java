package org.gonghui.platform.transaction;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * One statement as plain JDBC on the current transaction's connection. A native query through Hibernate would flush
 * the session first and, for a write, evict the whole second-level cache (issue 10: most of a welfare submit's CPU);
 * this does neither, so a caller whose statement must see its pending entity changes calls {@code em.flush()} first.
 * Parameters are typed ({@link #text}, {@link #uuid}, ...) so that a null is bound with its column's SQL type.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TransactionJdbc {

    private final EntityManager em;

    @Inject
    public TransactionJdbc(EntityManager em) {
        this.em = em;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public int update(String sql, Param... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs a statement for its effect only, e.g. {@code SELECT pg_advisory_xact_lock(?)}; any result is dropped. */
    public void execute(String sql, Param... params) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                statement.execute();
            }
        });
    }

    /** Runs a query and reads its first row, if there is one; further rows are ignored. */
    public <T> Optional<T> queryRow(String sql, RowReader<T> reader, Param... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.ofNullable(reader.read(row)) : Optional.empty();
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, Param[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Param param = params[i];
            if (param.value() == null) {
                statement.setNull(i + 1, param.sqlType());
            } else if (param.sqlType() == Types.VARCHAR) {
                statement.setString(i + 1, (String) param.value());
            } else {
                // UUID and JSON as OTHER (the server takes them as the column's type), numbers and times as theirs
                statement.setObject(i + 1, param.value(), param.sqlType());
            }
        }
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A parameter with the SQL type it is bound as, also when null; made by the factories below. */
    public record Param(Object value, int sqlType) {
    }

    public static Param text(String value) {
        return new Param(value, Types.VARCHAR);
    }

    public static Param uuid(UUID value) {
        return new Param(value, Types.OTHER);
    }

    public static Param integer(Integer value) {
        return new Param(value, Types.INTEGER);
    }

    public static Param bigint(Long value) {
        return new Param(value, Types.BIGINT);
    }

    public static Param timestamptz(OffsetDateTime value) {
        return new Param(value, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** A JSON document for a {@code json}/{@code jsonb} column: sent untyped, so the server parses it as the column's type. */
    public static Param json(String value) {
        return new Param(value, Types.OTHER);
    }
}
