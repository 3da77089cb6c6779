package org.gonghui.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.gonghui.contracts.EventType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Serialises event records and validates event data against the schemas in {@code contracts}. */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    @Inject
    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventType.class.getResourceAsStream(type.schemaPath())) {
                if (in == null) {
                    throw new IllegalStateException("schema missing: " + type.schemaPath());
                }
                schemas.put(type, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** JSON of an event record, refused when it breaks its own schema (a bug in the producer, caught before commit). */
    public String toValidJson(EventType type, Record data) {
        JsonNode tree = mapper.valueToTree(data);
        requireValid(type, tree);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void requireValid(EventType type, JsonNode data) {
        Set<ValidationMessage> errors = schemas.get(type).validate(data);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(type.type() + " breaks its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
    }

    public <T> T read(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** An event whose data does not match its contract; never retried, sent to the dead-letter topic. */
    public static class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
