package org.gonghui.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test JVM on the real server, dropped at JVM exit. The server comes from
 * {@code GONGHUI_PG_HOST/PORT/USER/PASSWORD} (or the launcher's {@code SUITE_PG_*}); without them, from the
 * credentials {@code ./suite up} keeps in {@code .suite/postgres.env}; else {@code gonghui/gonghui@localhost:5432}.
 * The user needs CREATEDB.
 */
public final class TestPostgres {

    private static String database;
    private static Properties server;

    private TestPostgres() {
    }

    public static synchronized String jdbcUrl(String purpose) {
        if (database == null) {
            server = serverSettings();
            database = ("gonghui_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            execute("CREATE DATABASE " + database);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(
                    "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"), "test-postgres-drop"));
        }
        return url(database);
    }

    public static synchronized String username() {
        return serverSettings().getProperty("user");
    }

    public static synchronized String password() {
        return serverSettings().getProperty("password");
    }

    /** Runs SQL on the test database (fault tests, counting rows). */
    public static void executeOnTestDatabase(String sql) {
        try (Connection c = DriverManager.getConnection(url(database), username(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(String db) {
        Properties p = serverSettings();
        return "jdbc:postgresql://" + p.getProperty("host") + ":" + p.getProperty("port") + "/" + db;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), username(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url("postgres") + " as " + username()
                    + " refused '" + sql + "': " + e.getMessage()
                    + ". Start it (./suite up, or pg_ctlcluster 15 main start) or set GONGHUI_PG_*.", e);
        }
    }

    private static Properties serverSettings() {
        if (server != null) {
            return server;
        }
        Properties p = new Properties();
        p.setProperty("host", "localhost");
        p.setProperty("port", "5432");
        p.setProperty("user", "gonghui");
        p.setProperty("password", "gonghui");
        Path suiteEnv = findSuiteEnv();
        if (suiteEnv != null) {
            try {
                for (String line : Files.readAllLines(suiteEnv)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        String key = line.substring(0, eq).trim();
                        String value = line.substring(eq + 1).trim().replaceAll("^'|'$", "");
                        switch (key) {
                            case "SUITE_PG_HOST" -> p.setProperty("host", value);
                            case "SUITE_PG_PORT" -> p.setProperty("port", value);
                            case "SUITE_PG_USER" -> p.setProperty("user", value);
                            case "SUITE_PG_PASSWORD" -> p.setProperty("password", value);
                            default -> {
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        override(p, "host", "SUITE_PG_HOST");
        override(p, "port", "SUITE_PG_PORT");
        override(p, "user", "SUITE_PG_USER");
        override(p, "password", "SUITE_PG_PASSWORD");
        override(p, "host", "GONGHUI_PG_HOST");
        override(p, "port", "GONGHUI_PG_PORT");
        override(p, "user", "GONGHUI_PG_USER");
        override(p, "password", "GONGHUI_PG_PASSWORD");
        server = p;
        return p;
    }

    private static void override(Properties p, String key, String env) {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            p.setProperty(key, value);
        }
    }

    private static Path findSuiteEnv() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".suite/postgres.env");
            if (Files.isReadable(candidate)) {
                return candidate;
            }
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("suite"))) {
                return null;
            }
        }
        return null;
    }
}
