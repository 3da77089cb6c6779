package org.gonghui.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.contracts.volunteer.ActivityCompleted;
import org.gonghui.contracts.volunteer.HoursLogged;
import org.gonghui.contracts.welfare.AidPaid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

class EventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2016, 5, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8));
    private static final String PERSON_REF = "a".repeat(64);

    static final Map<EventType, Record> SAMPLES = Map.of(
            EventType.HONOR_CONFERRED, new HonorConferred(UUID.randomUUID(), "model-worker-municipal", "MUNICIPAL", true,
                    2016, "INDIVIDUAL", "王建国", PERSON_REF, "涟钢炼铁厂", "ld.lsj", "HON-2016-000001", NOW),
            EventType.HONOR_REVOKED, new HonorRevoked(UUID.randomUUID(), "model-worker-municipal", "MUNICIPAL", true,
                    2016, PERSON_REF, "ld.lsj", "fraudulent nomination", NOW),
            EventType.HOURS_LOGGED, new HoursLogged(UUID.randomUUID(), UUID.randomUUID(), PERSON_REF, "ld.xh", 2016, 135,
                    NOW, NOW.plusHours(3)),
            EventType.ACTIVITY_COMPLETED, new ActivityCompleted(UUID.randomUUID(), "小花社区走访", "CONDOLENCE_VISIT",
                    UUID.randomUUID(), null, "ld", NOW, NOW.plusHours(3), 8, 1440, NOW.plusHours(4)),
            EventType.AID_PAID, new AidPaid(UUID.randomUUID(), "community-aid", UUID.randomUUID(), "ld.ly", 50_000L,
                    null, UUID.randomUUID(), 2016, NOW));

    private static JsonSchema schemaOf(EventType type) throws Exception {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream(type.schemaPath())) {
            assertNotNull(in, "schema missing for " + type.type());
            return FACTORY.getSchema(in);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleOfEveryEventValidatesAgainstItsSchema(EventType type) throws Exception {
        Record sample = SAMPLES.get(type);
        assertNotNull(sample, "no sample for " + type);
        assertEquals(type.dataClass(), sample.getClass());
        Set<ValidationMessage> errors = schemaOf(type).validate(JSON.valueToTree(sample));
        assertTrue(errors.isEmpty(), () -> type + ": " + errors);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsMissingFieldsUnknownFieldsAndBadOrgCodes(EventType type) throws Exception {
        JsonSchema schema = schemaOf(type);
        ObjectNode valid = JSON.valueToTree(SAMPLES.get(type));

        ObjectNode missingOrg = valid.deepCopy();
        missingOrg.remove("orgCode");
        assertFalse(schema.validate(missingOrg).isEmpty(), "orgCode must be required");

        ObjectNode extra = valid.deepCopy();
        extra.put("idNumber", "430102199001011234");
        assertFalse(schema.validate(extra).isEmpty(), "unknown fields (like raw ID numbers) must be refused");

        ObjectNode badOrg = valid.deepCopy();
        badOrg.put("orgCode", "LD..x");
        assertFalse(schema.validate(badOrg).isEmpty(), "org codes are dotted lowercase");
    }

    @Test
    void everySchemaFieldIsARecordComponentAndViceVersa() throws Exception {
        for (EventType type : EventType.values()) {
            Set<String> components = java.util.Arrays.stream(type.dataClass().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
            try (InputStream in = EventSchemaTest.class.getResourceAsStream(type.schemaPath())) {
                Set<String> properties = new java.util.HashSet<>();
                JSON.readTree(in).get("properties").fieldNames().forEachRemaining(properties::add);
                assertEquals(components, properties, type.type());
            }
        }
    }

    @Test
    void typesAreVersionedAndLiveOnTheirProducersTopic() {
        for (EventType type : EventType.values()) {
            assertTrue(type.type().matches("gonghui\\.(honors|welfare|volunteer)\\.[a-z-]+\\.v\\d+"), type.type());
            String producer = type.type().split("\\.")[1];
            assertEquals(producer + ".events", type.topic());
            assertEquals(type, EventType.ofType(type.type()).orElseThrow());
        }
        assertEquals("honors.events.dlq", Topics.deadLetterOf(Topics.HONORS));
    }
}
