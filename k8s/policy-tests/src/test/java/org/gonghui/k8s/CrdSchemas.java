package org.gonghui.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The operators' CRD schemas (copied from /work/shared/k8s-crds into src/test/resources/crds), turned into strict
 * JSON Schemas. The API server prunes fields a structural schema does not declare, so a misspelt field would be
 * dropped silently in a cluster; here every object schema that declares properties and does not preserve unknown
 * fields gets {@code additionalProperties: false}, and the misspelling fails the build.
 * Not checked here: CEL rules ({@code x-kubernetes-validations}), which only the API server evaluates.
 */
final class CrdSchemas {

    static final List<String> FILES = List.of("strimzi-040-Crd-kafka.yaml", "strimzi-043-Crd-kafkatopic.yaml",
            "strimzi-044-Crd-kafkauser.yaml", "strimzi-045-Crd-kafkanodepool.yaml", "cnpg-clusters.yaml",
            "cnpg-databases.yaml", "cnpg-scheduledbackups.yaml");

    private static final Map<String, JsonSchema> BY_API_VERSION_AND_KIND = load();

    private CrdSchemas() {
    }

    /** "kafka.strimzi.io/v1 Kafka" and so on. */
    static Set<String> known() {
        return BY_API_VERSION_AND_KIND.keySet();
    }

    static Optional<JsonSchema> forObject(JsonNode object) {
        return Optional.ofNullable(
                BY_API_VERSION_AND_KIND.get(object.path("apiVersion").asText() + " " + object.path("kind").asText()));
    }

    /** Validation messages; empty when the object conforms. */
    static List<String> validate(JsonNode object) {
        JsonSchema schema = forObject(object).orElseThrow(() -> new AssertionError(
                "no CRD schema for " + object.path("apiVersion").asText() + " " + object.path("kind").asText()));
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Map<String, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (String file : FILES) {
            JsonNode crd = readResource("/crds/" + file);
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                JsonNode openApi = version.path("schema").path("openAPIV3Schema");
                ObjectNode strict = strict(openApi.deepCopy(), true);
                schemas.put(group + "/" + version.path("name").asText() + " " + kind, factory.getSchema(strict));
            }
        }
        return Map.copyOf(schemas);
    }

    private static JsonNode readResource(String path) {
        try (InputStream in = CrdSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return Rendered.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the OpenAPI v3 dialect of a CRD into plain JSON Schema, closing every declared object. */
    static ObjectNode strict(ObjectNode schema, boolean close) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.remove("type");
            if (!schema.has("anyOf")) {
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
        }
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if (schema.path("nullable").asBoolean() && schema.has("type")) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        if (close && schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
            schema.put("additionalProperties", false);
        }
        // OpenAPI formats such as int32 or quantity are not JSON Schema formats; the types still apply
        schema.remove("format");
        Set<String> vendorKeys = iterable(schema.fieldNames()).stream().filter(k -> k.startsWith("x-kubernetes-"))
                .collect(Collectors.toSet());
        vendorKeys.add("nullable");
        schema.remove(vendorKeys);
        for (String keyword : List.of("items", "additionalProperties", "not")) {
            if (schema.get(keyword) instanceof ObjectNode child) {
                strict(child, true);
            }
        }
        for (String keyword : List.of("properties", "patternProperties")) {
            if (schema.get(keyword) instanceof ObjectNode children) {
                children.fields().forEachRemaining(e -> {
                    if (e.getValue() instanceof ObjectNode child) {
                        strict(child, true);
                    }
                });
            }
        }
        // branches of allOf/anyOf/oneOf list a subset of the properties (Strimzi's "one of these fields"):
        // closing them would refuse the object's other fields, so only their nested schemas are closed
        for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.get(keyword) instanceof ArrayNode options) {
                options.forEach(o -> {
                    if (o instanceof ObjectNode child) {
                        strict(child, false);
                    }
                });
            }
        }
        return schema;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
