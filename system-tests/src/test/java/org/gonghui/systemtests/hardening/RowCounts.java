package org.gonghui.systemtests.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Row counts of every table in the suite's four databases, read with JDBC using {@code .suite/postgres.env}: the
 * sweeps act only through the API and use these counts to prove that rejected requests changed nothing.
 */
final class RowCounts {

    static final List<String> DATABASES = List.of("gonghui_gateway", "gonghui_honors", "gonghui_welfare",
            "gonghui_volunteer");

    private RowCounts() {
    }

    /** {@code database.table -> rows}, for every table except Flyway's history. */
    static Map<String, Long> snapshot() {
        Properties env = env();
        Map<String, Long> counts = new TreeMap<>();
        for (String db : DATABASES) {
            String url = "jdbc:postgresql://" + env.getProperty("SUITE_PG_HOST", "localhost") + ":"
                    + env.getProperty("SUITE_PG_PORT", "5432") + "/" + db;
            try (Connection c = DriverManager.getConnection(url, env.getProperty("SUITE_PG_USER"),
                    env.getProperty("SUITE_PG_PASSWORD")); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
                        + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND tablename <> 'flyway_schema_history'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                if (tables.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder();
                for (String t : tables) {
                    if (!sql.isEmpty()) {
                        sql.append(" UNION ALL ");
                    }
                    sql.append("SELECT '").append(t).append("', count(*) FROM ").append(t);
                }
                try (ResultSet rs = s.executeQuery(sql.toString())) {
                    while (rs.next()) {
                        counts.put(db + "." + rs.getString(1), rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError("cannot read row counts of " + db + ": " + e.getMessage(), e);
            }
        }
        return counts;
    }

    /** The tables whose counts differ, as {@code table: before -> after}. */
    static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> diffs = new ArrayList<>();
        after.forEach((table, rows) -> {
            Long was = before.getOrDefault(table, 0L);
            if (!was.equals(rows)) {
                diffs.add(table + ": " + was + " -> " + rows);
            }
        });
        return diffs;
    }

    /**
     * Waits until two snapshots a second apart agree, so events still travelling from earlier tests do not count
     * as changes made by the sweep.
     */
    static Map<String, Long> quiet() {
        Map<String, Long> last = snapshot();
        for (int i = 0; i < 60; i++) {
            sleep(1000);
            Map<String, Long> now = snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the databases did not settle within 60 s: " + last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Properties env() {
        Path file = Path.of(System.getProperty("gonghui.root", "..")).resolve(".suite/postgres.env");
        Properties p = new Properties();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    p.setProperty(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("no " + file + ": run ./suite up first", e);
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("SUITE_PG_")) {
                p.setProperty(k, v);
            }
        });
        return p;
    }
}
