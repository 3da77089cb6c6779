package org.gonghui.platform.transaction;

import static org.gonghui.platform.transaction.TransactionJdbc.bigint;
import static org.gonghui.platform.transaction.TransactionJdbc.integer;
import static org.gonghui.platform.transaction.TransactionJdbc.json;
import static org.gonghui.platform.transaction.TransactionJdbc.text;
import static org.gonghui.platform.transaction.TransactionJdbc.timestamptz;
import static org.gonghui.platform.transaction.TransactionJdbc.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.gonghui.platform.testing.GonghuiTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Statements on the transaction's own connection against the real database: types, nulls, rows, rollback. */
@QuarkusTest
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
class TransactionJdbcTest {

    private static final String INSERT = """
            INSERT INTO test_jdbc_types (label, uuid_col, text_col, int_col, long_col, time_col, json_col)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = """
            SELECT uuid_col, text_col, int_col, long_col, time_col, json_col::text FROM test_jdbc_types
            WHERE label = ?""";

    @Inject
    TransactionJdbc jdbc;

    @Test
    void valuesOfEveryTypeRoundTrip() {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.of(2021, 5, 1, 8, 30, 0, 0, ZoneOffset.ofHours(8));
        List<Object> row = QuarkusTransaction.requiringNew().call(() -> {
            assertEquals(1, jdbc.update(INSERT, text("values"), uuid(id), text("李明"), integer(7),
                    bigint(5_000_000_000L), timestamptz(at), json("{\"a\": [1, 2]}")));
            return read("values").orElseThrow();
        });
        assertEquals(Arrays.asList(id, "李明", 7, 5_000_000_000L, at.toInstant(), "{\"a\": [1, 2]}"), row);
    }

    @Test
    void typedNullsAreBoundForEveryType() {
        List<Object> row = QuarkusTransaction.requiringNew().call(() -> {
            assertEquals(1, jdbc.update(INSERT, text("nulls"), uuid(null), text(null), integer(null), bigint(null),
                    timestamptz(null), json(null)));
            return read("nulls").orElseThrow();
        });
        assertEquals(Arrays.asList(null, null, null, null, null, null), row);
    }

    @Test
    void updateCountsRowsAndQueryRowIsEmptyWithoutOne() {
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update(INSERT, text("count-1"), uuid(null), text("x"), integer(1), bigint(null), timestamptz(null),
                    json(null));
            jdbc.update(INSERT, text("count-2"), uuid(null), text("x"), integer(2), bigint(null), timestamptz(null),
                    json(null));
            assertEquals(2, jdbc.update("UPDATE test_jdbc_types SET int_col = int_col + 10 WHERE text_col = ?",
                    text("x")));
            assertEquals(0, jdbc.update("DELETE FROM test_jdbc_types WHERE label = ?", text("absent")));
            assertEquals(Optional.of(23L), jdbc.queryRow(
                    "SELECT sum(int_col) FROM test_jdbc_types WHERE text_col = ?", r -> r.getLong(1), text("x")));
            assertEquals(Optional.empty(), read("absent"));
        });
    }

    @Test
    void statementsBelongToTheCallersTransaction() {
        // execute() for a statement run for its effect: a transaction-scoped advisory lock must not fail outside
        QuarkusTransaction.requiringNew().run(() -> jdbc.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))",
                text("transaction-jdbc-test")));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                jdbc.update(INSERT, text("rolled-back"), uuid(null), text(null), integer(null), bigint(null),
                        timestamptz(null), json(null));
                // seen by the same transaction before commit: the same connection
                assertTrue(read("rolled-back").isPresent());
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the rollback we asked for
        }
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> read("rolled-back")));
        assertThrows(TransactionalException.class,
                () -> jdbc.update("DELETE FROM test_jdbc_types WHERE label = ?", text("no-transaction")));
    }

    private Optional<List<Object>> read(String label) {
        return jdbc.queryRow(SELECT, r -> Arrays.asList(r.getObject(1, UUID.class), r.getString(2),
                (Integer) r.getObject(3), (Long) r.getObject(4),
                r.getObject(5) == null ? null : r.getObject(5, OffsetDateTime.class).toInstant(), r.getString(6)),
                text(label));
    }
}
