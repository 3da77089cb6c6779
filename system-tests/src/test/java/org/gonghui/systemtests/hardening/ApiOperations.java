package org.gonghui.systemtests.hardening;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations of the merged OpenAPI document ({@code GET /openapi} at runtime, read with plain Jackson): method,
 * path template, parameters, and the JSON request schema with {@code $ref}s resolved, plus a well-shaped example
 * body built from that schema for the sweeps to break one way at a time.
 */
final class ApiOperations {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Param(String name, String in, boolean required, JsonNode schema) {

        String type() {
            return schema.path("type").asText("string");
        }

        String format() {
            return schema.path("format").asText("");
        }
    }

    record Operation(String method, String path, List<Param> params, JsonNode jsonSchema, List<String> mediaTypes,
            boolean bodyRequired, boolean isPublic, java.util.Set<String> declaredRoles) {

        String key() {
            return method + " " + path;
        }

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        /** The path with every template parameter replaced; {@code override} wins for the names it has. */
        String target(Map<String, String> override) {
            String p = path;
            for (Param param : in("path")) {
                String value = override.getOrDefault(param.name(), sampleScalar(param.name(), param.schema()).asText());
                p = p.replace("{" + param.name() + "}", value);
            }
            return p;
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();

    ApiOperations(JsonNode doc) {
        this.doc = doc;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/ops/")) {
                continue; // operations endpoints live on each service's own port; the gateway does not route them
            }
            List<Param> shared = params(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode o = op.getValue();
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(o.path("parameters")));
                // path parameters the document forgot to declare are still in the template
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (m.find()) {
                    String name = m.group(1);
                    if (params.stream().noneMatch(p -> p.name().equals(name) && p.in().equals("path"))) {
                        params.add(new Param(name, "path", true, NODES.objectNode().put("type", "string")));
                    }
                }
                JsonNode content = o.path("requestBody").path("content");
                List<String> media = new ArrayList<>();
                content.fieldNames().forEachRemaining(media::add);
                JsonNode schema = null;
                for (String mt : media) {
                    if (mt.contains("json")) {
                        schema = resolve(content.path(mt).path("schema"), 0);
                        break;
                    }
                }
                // the services' documents name the roles of each operation under security; none means public
                boolean isPublic = !o.has("security") && !doc.has("security");
                java.util.Set<String> roles = new java.util.TreeSet<>();
                for (JsonNode requirement : o.path("security")) {
                    requirement.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText())));
                }
                operations.add(new Operation(method, path.getKey(), params, schema, media,
                        o.path("requestBody").path("required").asBoolean(false), isPublic, roles));
            }
        }
    }

    List<Operation> all() {
        return operations;
    }

    private List<Param> params(JsonNode list) {
        List<Param> out = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(p, 0);
            out.add(new Param(param.path("name").asText(), param.path("in").asText(),
                    param.path("required").asBoolean(false), resolve(param.path("schema"), 0)));
        }
        return out;
    }

    /** Inlines {@code $ref} (and the first branch of allOf/anyOf/oneOf) down to a fixed depth. */
    JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return NODES.objectNode();
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = doc.at(ref.substring(1));
            return resolve(target, depth + 1);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.path(combinator).isArray()) {
                ObjectNode merged = NODES.objectNode();
                for (JsonNode branch : schema.get(combinator)) {
                    JsonNode r = resolve(branch, depth + 1);
                    if (!"null".equals(r.path("type").asText())) {
                        merged.setAll((ObjectNode) r.deepCopy());
                        if (!combinator.equals("allOf")) {
                            break;
                        }
                    }
                }
                return merged;
            }
        }
        if (!schema.isObject()) {
            return NODES.objectNode();
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (copy.path("type").isArray()) {
            // OpenAPI 3.1: ["string", "null"]
            for (JsonNode t : copy.get("type")) {
                if (!"null".equals(t.asText())) {
                    copy.put("type", t.asText());
                    break;
                }
            }
        }
        if (copy.has("properties")) {
            ObjectNode props = NODES.objectNode();
            copy.get("properties").fields().forEachRemaining(e -> props.set(e.getKey(), resolve(e.getValue(), depth + 1)));
            copy.set("properties", props);
        }
        if (copy.has("items")) {
            copy.set("items", resolve(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(copy.get("additionalProperties"), depth + 1));
        }
        return copy;
    }

    /** A body shaped like the schema, with plausible values (never dated 2016, which belongs to the demo). */
    static JsonNode sample(String name, JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(e -> o.set(e.getKey(), sample(e.getKey(), e.getValue())));
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                a.add(sample(name, schema.path("items")));
                return a;
            }
            default -> {
                return sampleScalar(name, schema);
            }
        }
    }

    static JsonNode sampleScalar(String name, JsonNode schema) {
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText("");
        String lower = name == null ? "" : name.toLowerCase();
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        switch (type) {
            case "integer", "number" -> {
                if (lower.equals("year")) {
                    return NODES.numberNode(2025);
                }
                return NODES.numberNode(lower.endsWith("fen") ? 100 : 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                if (format.equals("uuid") || lower.equals("id") || lower.endsWith("id")) {
                    return NODES.textNode(UUID.randomUUID().toString());
                }
                if (format.equals("date")) {
                    return NODES.textNode("2025-06-01");
                }
                if (format.equals("date-time")) {
                    return NODES.textNode("2025-06-01T09:00:00+08:00");
                }
                if (lower.equals("orgcode") || lower.equals("parentcode")) {
                    return NODES.textNode("ld");
                }
                if (lower.equals("year")) {
                    return NODES.textNode("2025");
                }
                return NODES.textNode("sweep");
            }
        }
    }
}
