package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gonghui.systemtests.RunningSuite;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 11, malformed input: for every operation of the merged OpenAPI document, bodies broken one way at a time
 * (wrong types, missing required fields, nulls, empty and 10 KB strings, huge numbers, negative money, non-UTF-8
 * bytes, truncated JSON, wrong content types, extra fields) and path/query parameters that are not UUIDs or out of
 * range. Every error answer is problem+json without a stack trace; a request that is malformed by construction must
 * be refused with a 4xx; and the row counts of all four databases are unchanged by every operation whose requests
 * were all refused. The counts go to {@code target/hardening-malformed-input.txt}.
 */
class MalformedInputSweepIT {

    static final String SWEEP = "malformed-input";
    static final String TEN_KB = "x".repeat(10 * 1024);

    /** One request of the sweep: mustReject when no correct server could accept it. */
    record Variant(String what, String method, String target, String contentType, byte[] body, boolean mustReject) {
    }

    @Test
    void everyOperationRefusesMalformedInputWithProblemJsonAndChangesNothing() {
        String token = RunningSuite.tokenFor("sweeper", "ld", "admin", "staff", "reviewer", "finance",
                "coordinator", "auditor");
        Ledger.secret(token);
        JsonNode doc = Wire.gateway("GET", "/openapi", null, null, null).json();
        JsonNode upstreams = doc.path("x-gonghui-upstreams");
        for (String service : List.of("honors", "welfare", "volunteer")) {
            assertEquals("merged", upstreams.path(service).asText(), "the merged OpenAPI lacks " + service + ": " + upstreams);
        }
        ApiOperations api = new ApiOperations(doc);

        Ledger.add(SWEEP, "5xx seen", 0); // printed even when nothing adds to it
        List<String> failures = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        Map<String, Long> before = RowCounts.quiet();
        int operations = 0;
        for (ApiOperations.Operation op : api.all()) {
            List<Variant> variants = variants(op);
            if (variants.stream().noneMatch(Variant::mustReject)) {
                Ledger.count(SWEEP, "operations without a malformed variant (not counted as covered)");
                continue;
            }
            operations++;
            boolean allRefused = true;
            for (Variant v : variants) {
                Wire.Answer a = Wire.gateway(v.method(), v.target(), token, v.contentType(), v.body());
                Ledger.count(SWEEP, "requests sent");
                Ledger.count(SWEEP, "answers " + a.status() / 100 + "xx");
                if (a.status() >= 500) {
                    Ledger.count(SWEEP, "5xx seen");
                }
                String defect = a.problemDefect();
                if (a.status() >= 500 || defect != null) {
                    failures.add(op.key() + " [" + v.what() + "] " + a + (defect == null ? "" : " :: " + defect));
                } else if (!a.is4xx()) {
                    allRefused = false;
                    if (v.mustReject()) {
                        failures.add(op.key() + " [" + v.what() + "] accepted: " + a);
                    } else {
                        accepted.add(op.key() + " [" + v.what() + "] -> " + a.status());
                    }
                }
            }
            Map<String, Long> after = RowCounts.snapshot();
            if (allRefused) {
                List<String> diffs = RowCounts.differences(before, after);
                if (!diffs.isEmpty()) {
                    failures.add(op.key() + ": every request was refused, yet rows changed: " + diffs);
                }
            }
            before = after;
        }
        Ledger.add(SWEEP, "operations covered", operations);
        Ledger.add(SWEEP, "operations in /openapi", api.all().size());
        List<String> lines = new ArrayList<>();
        accepted.forEach(a -> lines.add("accepted (tolerated, not malformed by construction): " + a));
        failures.forEach(f -> lines.add("FAILED: " + f));
        Ledger.report(SWEEP, lines);
        assertTrue(operations >= 40, "the sweep covered only " + operations + " operations");
        assertEquals(0, Ledger.get(SWEEP, "5xx seen"), "5xx answers: " + failures);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    static List<Variant> variants(ApiOperations.Operation op) {
        List<Variant> out = new ArrayList<>();
        boolean auth = op.path().startsWith("/auth/");
        String target = op.target(Map.of());
        String query = sampleQuery(op);

        for (ApiOperations.Param p : op.in("path")) {
            for (String bad : List.of("not-a-uuid", "-1", "99999999999999999999", "0000000-0000-0000-0000-00000000000g",
                    "%00", "%2e%2e%2f%2e%2e%2fetc", "x".repeat(1000))) {
                boolean uuid = p.format().equals("uuid") || p.name().equals("id") || p.name().endsWith("Id");
                boolean numeric = p.type().equals("integer");
                if (!uuid && !numeric && bad.matches("[a-z-]+")) {
                    continue; // a plausible code, e.g. an org code: not malformed
                }
                out.add(new Variant("path " + p.name() + "=" + Wire.abbreviate(bad), op.method(),
                        op.target(Map.of(p.name(), bad)) + query, jsonIfBody(op), sampleBytes(op), true));
            }
        }
        for (ApiOperations.Param p : op.in("query")) {
            for (String bad : badQueryValues(p)) {
                out.add(new Variant("query " + p.name() + "=" + Wire.abbreviate(bad), op.method(),
                        target + "?" + p.name() + "=" + bad, jsonIfBody(op), sampleBytes(op), true));
            }
        }
        if (op.jsonSchema() == null) {
            return out;
        }
        JsonNode schema = op.jsonSchema();
        JsonNode sample = ApiOperations.sample("body", schema);
        String t = target + query;
        String json = "application/json";
        byte[] good = sample.toString().getBytes(StandardCharsets.UTF_8);

        out.add(new Variant("truncated JSON", op.method(), t, json, java.util.Arrays.copyOf(good, Math.max(1, good.length / 2)), true));
        byte[] nonUtf8 = sample.toString().replaceFirst("\"", "\"\u0001").getBytes(StandardCharsets.UTF_8);
        int mark = indexOf(nonUtf8, (byte) 1);
        if (mark >= 0) {
            byte[] invalid = new byte[nonUtf8.length + 1];
            System.arraycopy(nonUtf8, 0, invalid, 0, mark);
            invalid[mark] = (byte) 0xC3; // a UTF-8 lead byte followed by a byte that cannot continue it
            invalid[mark + 1] = (byte) 0x28;
            System.arraycopy(nonUtf8, mark + 1, invalid, mark + 2, nonUtf8.length - mark - 1);
            out.add(new Variant("non-UTF-8 bytes", op.method(), t, json, invalid, true));
        }
        out.add(new Variant("empty body", op.method(), t, json, new byte[0], true));
        out.add(new Variant("JSON null", op.method(), t, json, "null".getBytes(StandardCharsets.UTF_8), true));
        out.add(new Variant("not JSON at all", op.method(), t, json, "<xml>hello</xml>".getBytes(StandardCharsets.UTF_8), true));
        out.add(new Variant("text/plain content type", op.method(), t, "text/plain", good,
                !op.mediaTypes().contains("text/plain") && !op.mediaTypes().contains("*/*")));
        out.add(new Variant("application/xml content type", op.method(), t, "application/xml", good,
                !op.mediaTypes().contains("application/xml") && !op.mediaTypes().contains("*/*")));
        if (schema.path("type").asText().equals("array")) {
            out.add(new Variant("object instead of array", op.method(), t, json, "{}".getBytes(StandardCharsets.UTF_8), true));
            return out;
        }
        if (!schema.path("type").asText("object").equals("object")) {
            return out; // a free-form body (e.g. an import that takes CSV or a JSON array as text)
        }
        out.add(new Variant("array instead of object", op.method(), t, json, "[]".getBytes(StandardCharsets.UTF_8), true));
        boolean hasRequired = schema.path("required").isArray() && !schema.path("required").isEmpty();
        out.add(new Variant("missing required fields", op.method(), t, json, "{}".getBytes(StandardCharsets.UTF_8), hasRequired));
        if (!(sample instanceof ObjectNode object) || object.isEmpty()) {
            return out;
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            JsonNode wrong = wrongType(schema.path("properties").path(f));
            if (wrong != null) {
                ObjectNode b = object.deepCopy();
                b.set(f, wrong);
                out.add(new Variant("wrong type for " + f, op.method(), t, json, bytes(b), true));
            }
        }
        ObjectNode nulls = object.deepCopy();
        fields.forEach(f -> nulls.putNull(f));
        out.add(new Variant("nulls everywhere", op.method(), t, json, bytes(nulls), hasRequired));

        ObjectNode huge = object.deepCopy();
        boolean anyNumber = false;
        for (String f : fields) {
            String type = schema.path("properties").path(f).path("type").asText();
            if (type.equals("integer")) {
                huge.set(f, ApiOperations.NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
                anyNumber = true;
            }
        }
        if (anyNumber) {
            out.add(new Variant("huge numbers", op.method(), t, json, bytes(huge), true));
        }
        ObjectNode negative = object.deepCopy();
        boolean anyMoney = false;
        for (String f : fields) {
            if (f.endsWith("Fen")) {
                negative.put(f, -100);
                anyMoney = true;
            }
        }
        if (anyMoney) {
            out.add(new Variant("negative money", op.method(), t, json, bytes(negative), true));
        }
        if (auth) {
            // well-formed credentials count as login attempts (lockout, throttle): not part of a malformed sweep
            return out;
        }
        ObjectNode empty = object.deepCopy();
        ObjectNode long10k = object.deepCopy();
        boolean anyString = false;
        for (String f : fields) {
            if (object.get(f).isTextual()) {
                empty.put(f, "");
                long10k.put(f, TEN_KB);
                anyString = true;
            }
        }
        if (anyString) {
            out.add(new Variant("empty strings", op.method(), t, json, bytes(empty), false));
            out.add(new Variant("10 KB strings", op.method(), t, json, bytes(long10k), false));
        }
        // unknown fields are tolerated (tolerant reader; DTO records hold no privileged fields, see the
        // authorisation matrix for mass assignment), so the body also lacks its required fields: it must be
        // refused without the extra fields causing an error, and a well-formed junk record is never created
        ObjectNode extra = object.deepCopy();
        schema.path("required").forEach(r -> extra.remove(r.asText()));
        extra.put("sweepUnknownField", "x").put("id", java.util.UUID.randomUUID().toString())
                .put("status", "APPROVED").put("orgCode", "ld");
        out.add(new Variant("extra fields", op.method(), t, json, bytes(extra), hasRequired));
        return out;
    }

    private static String jsonIfBody(ApiOperations.Operation op) {
        return op.jsonSchema() == null ? null : "application/json";
    }

    private static byte[] sampleBytes(ApiOperations.Operation op) {
        return op.jsonSchema() == null ? null : bytes(ApiOperations.sample("body", op.jsonSchema()));
    }

    /** Required query parameters get a plausible value so the parameter under test is the only thing wrong. */
    private static String sampleQuery(ApiOperations.Operation op) {
        StringBuilder q = new StringBuilder();
        for (ApiOperations.Param p : op.in("query")) {
            if (p.required()) {
                q.append(q.isEmpty() ? "?" : "&").append(p.name()).append('=')
                        .append(ApiOperations.sampleScalar(p.name(), p.schema()).asText());
            }
        }
        return q.toString();
    }

    private static List<String> badQueryValues(ApiOperations.Param p) {
        List<String> bad = new ArrayList<>();
        String type = p.type();
        if (p.schema().path("enum").isArray()) {
            bad.add("NOT_A_VALUE");
        } else if (type.equals("integer") || type.equals("number")) {
            bad.addAll(List.of("abc", "1.5e400", "99999999999999999999"));
        } else if (type.equals("boolean")) {
            bad.add("maybe");
        } else if (p.format().equals("uuid")) {
            bad.addAll(List.of("not-a-uuid", "%00"));
        } else if (p.format().equals("date") || p.format().equals("date-time")) {
            bad.add("2025-13-45");
        }
        if (p.name().equals("page")) {
            bad.add("-1");
        }
        if (p.name().equals("size")) {
            bad.addAll(List.of("0", "201", "100000"));
        }
        if (p.name().equals("year")) {
            bad.addAll(List.of("-1", "100000"));
        }
        return bad;
    }

    /** A value no correct reader accepts for this schema, or null when there is none (free-form). */
    static JsonNode wrongType(JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        if (schema.path("enum").isArray()) {
            return ApiOperations.NODES.textNode("NOT_A_VALUE");
        }
        return switch (type) {
            case "string" -> schema.path("format").asText().equals("uuid") ? ApiOperations.NODES.textNode("not-a-uuid")
                    : schema.path("format").asText().equals("date") ? ApiOperations.NODES.textNode("2025-02-30")
                    : ApiOperations.NODES.objectNode().put("nested", "object");
            case "integer", "number" -> ApiOperations.NODES.textNode("twelve");
            case "boolean" -> ApiOperations.NODES.textNode("maybe");
            case "array" -> ApiOperations.NODES.objectNode().put("not", "an array");
            case "object" -> ApiOperations.NODES.numberNode(42);
            default -> null;
        };
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static Map<String, String> none() {
        return new LinkedHashMap<>();
    }
}
