package org.gonghui.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./suite demo}: {@code java -jar demo/target/gonghui-demo.jar [gatewayUrl] [adminCredentialsFile]}.
 * Defaults: {@code GONGHUI_URL} or {@code http://localhost:$SUITE_HTTP_PORT_BASE}, and {@code .suite/admin-credentials}.
 * {@code DEMO_THREADS} sets the number of parallel clerks (default 8).
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String gateway = args.length > 0 ? args[0] : System.getenv().getOrDefault("GONGHUI_URL",
                "http://localhost:" + System.getenv().getOrDefault("SUITE_HTTP_PORT_BASE", "8080"));
        Path credentials = Path.of(args.length > 1 ? args[1] : ".suite/admin-credentials");
        int threads = Integer.parseInt(System.getenv().getOrDefault("DEMO_THREADS", "8"));
        try {
            Map<String, String> admin = readCredentials(credentials);
            DemoLoader.Result result = new DemoLoader(gateway, admin.get("username"), admin.get("password"), threads,
                    out).run();
            out.print(ReportTable.render(result.report()));
            var wrong = DemoLoader.mismatches(result.report(), result.expected());
            if (!wrong.isEmpty()) {
                out.println("\nthe report does not match the demo year: " + wrong);
                System.exit(1);
            }
            out.printf("%nall %d figures match the Loudi 2016 report (%.1f s)%n", result.expected().size(),
                    result.millis() / 1000.0);
        } catch (DemoException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    static Map<String, String> readCredentials(Path file) {
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            if (!values.containsKey("username") || !values.containsKey("password")) {
                throw new DemoException(file + " has no username/password lines");
            }
            return values;
        } catch (IOException e) {
            throw new DemoException("cannot read the first admin's credentials at " + file + ": run ./suite up first");
        }
    }
}
