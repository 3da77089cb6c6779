package org.gonghui.systemtests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gonghui.systemtests.RunningSuite;

/**
 * Operations on the running suite for the fault tests: {@code ./suite stop|start|kill COMPONENT}, the {@code /ops}
 * endpoints on each service's own port, and terminating a service's PostgreSQL backends. Loopback only.
 */
final class SuiteControl {

    static final List<String> SERVICES = List.of("gateway", "honors-service", "welfare-service", "volunteer-service");
    static final Path ROOT = Path.of(System.getProperty("gonghui.root", "..")).toAbsolutePath().normalize();
    private static final int PORT_BASE = Integer.parseInt(System.getenv().getOrDefault("SUITE_HTTP_PORT_BASE", "8080"));

    private SuiteControl() {
    }

    /** Runs {@code ./suite ARGS} (bounded: 4 minutes) and fails the test when it fails. */
    static String suite(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("suite").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./suite " + String.join(" ", args) + " did not finish in 4 minutes");
            }
            String output = new String(process.getInputStream().readAllBytes());
            System.out.printf("./suite %s -> %s", String.join(" ", args), output.isEmpty() ? "\n" : output);
            assertEquals(0, process.exitValue(), () -> "./suite " + String.join(" ", args) + " failed: " + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run ./suite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts whatever of the suite is not running (a no-op for running parts), so every test ends with a whole suite. */
    static void ensureWholeSuiteRuns() {
        suite("start", "kafka");
        for (String service : SERVICES) {
            suite("start", service);
        }
        // a test stopped between pausing a relay and its clean-up must not leave the next one without events
        for (String service : SERVICES.subList(1, SERVICES.size())) {
            Api.Reply resumed = ops("POST", service, "/outbox/resume");
            assertEquals(200, resumed.status(), () -> service + " /ops/outbox/resume: " + resumed);
        }
    }

    static long pidOf(String component) {
        try {
            return Long.parseLong(Files.readString(ROOT.resolve(".suite/pids/" + component + ".pid")).strip());
        } catch (IOException e) {
            throw new AssertionError("no pid file for " + component, e);
        }
    }

    static String serviceUrl(String service) {
        return "http://localhost:" + (PORT_BASE + SERVICES.indexOf(service));
    }

    static String kafkaBootstrap() {
        return "127.0.0.1:" + System.getenv().getOrDefault("SUITE_KAFKA_PORT", "9092");
    }

    /** {@code /ops} of one service, as the first admin (city level). */
    static Api.Reply ops(String method, String service, String path) {
        return Api.call(method, serviceUrl(service) + "/ops" + path, RunningSuite.adminToken(), null, Map.of());
    }

    static long outboxBacklog(String service) {
        Api.Reply reply = ops("GET", service, "/outbox");
        assertEquals(200, reply.status(), reply::toString);
        return reply.body().path("backlog").asLong();
    }

    /** Terminates every backend connected to the database, as an administrator would; returns how many. */
    static int terminateBackends(String database) {
        Map<String, String> pg = postgresSettings();
        String url = "jdbc:postgresql://" + pg.getOrDefault("SUITE_PG_HOST", "localhost") + ":"
                + pg.getOrDefault("SUITE_PG_PORT", "5432") + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, pg.get("SUITE_PG_USER"), pg.get("SUITE_PG_PASSWORD"));
                PreparedStatement terminate = connection.prepareStatement("""
                        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            terminate.setString(1, database);
            try (ResultSet rs = terminate.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot terminate the backends of " + database, e);
        }
    }

    private static Map<String, String> postgresSettings() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(ROOT.resolve(".suite/postgres.env"))) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("no .suite/postgres.env: run ./suite up first", e);
        }
        return values;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
