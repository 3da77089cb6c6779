package org.gonghui.systemtests.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * What the hardening sweep sent and saw, shared by its test classes in one JVM: request and 5xx counters per
 * sweep, the findings, and every secret the sweep put on the wire (passwords, tokens, ID numbers) so that
 * {@link SecretsInLogsIT} can look for them in the suite's logs afterwards.
 */
public final class Ledger {

    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Set<String> ID_NUMBERS = ConcurrentHashMap.newKeySet();

    /** A Java stack frame or exception class name in a response body means an unhandled error leaked out. */
    static final Pattern STACK_TRACE = Pattern.compile(
            "(\\tat [a-zA-Z_$][\\w$.]*\\(|\\bat (org|io|java|jakarta|com)\\.[\\w$.]+\\([\\w$]+\\.java:\\d+\\)"
                    + "|[a-z]+\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)\\b)");

    private Ledger() {
    }

    static void count(String sweep, String what) {
        COUNTERS.computeIfAbsent(sweep + "." + what, k -> new AtomicInteger()).incrementAndGet();
    }

    static int get(String sweep, String what) {
        AtomicInteger c = COUNTERS.get(sweep + "." + what);
        return c == null ? 0 : c.get();
    }

    static void add(String sweep, String what, int n) {
        COUNTERS.computeIfAbsent(sweep + "." + what, k -> new AtomicInteger()).addAndGet(n);
    }

    static void secret(String value) {
        if (value != null && value.length() >= 8) {
            SECRETS.add(value);
        }
    }

    /** An ID number the sweeps sent: also looked for in every response they read (it must come back masked). */
    static void idNumber(String value) {
        secret(value);
        ID_NUMBERS.add(value);
    }

    /** Counts a response body that shows any ID number the sweeps sent, unmasked. */
    static void inspectResponse(String body) {
        if (body != null && !ID_NUMBERS.isEmpty()) {
            for (String id : ID_NUMBERS) {
                if (body.contains(id)) {
                    count("secrets", "responses with an unmasked ID number");
                    return;
                }
            }
        }
    }

    static Set<String> secrets() {
        return Set.copyOf(SECRETS);
    }

    /** Prints the sweep's counters and writes them to {@code system-tests/target/hardening-<sweep>.txt}. */
    static String report(String sweep, List<String> lines) {
        StringBuilder sb = new StringBuilder("hardening " + sweep + "\n");
        Map<String, Integer> sorted = new TreeMap<>();
        COUNTERS.forEach((k, v) -> {
            if (k.startsWith(sweep + ".")) {
                sorted.put(k.substring(sweep.length() + 1), v.get());
            }
        });
        sorted.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        lines.forEach(l -> sb.append("  ").append(l).append('\n'));
        String text = sb.toString();
        System.out.print(text);
        try {
            Path dir = Path.of(System.getProperty("gonghui.root", "..")).resolve("system-tests/target");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hardening-" + sweep + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }
}
