package org.gonghui.systemtests.faults;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed honor-conferred events put straight onto {@code honors.events} (not JSON; JSON that breaks the schema)
 * end in the dead letters of both consumers (welfare and volunteer, listed by {@code /ops/dead-letters}), and valid
 * events written after them still take effect exactly once.
 */
class PoisonMessageFaultIT {

    @BeforeEach
    @AfterEach
    void wholeSuiteRuns() {
        SuiteControl.ensureWholeSuiteRuns();
    }

    @Test
    void malformedEventsGoToTheDeadLettersAndLaterEventsStillFlow() throws Exception {
        String notJson = UUID.randomUUID().toString();
        String breaksSchema = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteControl.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(poison(notJson, "{\"honorId\": \"not json")).get(10, TimeUnit.SECONDS);
            producer.send(poison(breaksSchema, "{\"honorId\": 42, \"modelWorker\": \"yes\"}")).get(10, TimeUnit.SECONDS);
        }

        FaultLoad load = FaultLoad.prepare("psn", 10, 0);
        load.runInline();
        load.assertExactlyOnce(Duration.ofSeconds(60));

        long started = System.nanoTime();
        for (String consumer : new String[] { "welfare-service", "volunteer-service" }) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Api.Reply letters = SuiteControl.ops("GET", consumer, "/dead-letters?max=10000");
                if (letters.status() != 200) {
                    throw new AssertionError(consumer + " /ops/dead-letters: " + letters);
                }
                int found = 0;
                for (var letter : letters.body()) {
                    String id = letter.path("eventId").asText();
                    if ((id.equals(notJson) || id.equals(breaksSchema)) && !letter.path("error").asText().isBlank()) {
                        found++;
                    }
                }
                return found == 2;
            });
            System.out.printf("poison: both letters listed by %s's /ops/dead-letters after %d ms%n", consumer,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static ProducerRecord<String, String> poison(String eventId, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(EventType.HONOR_CONFERRED.topic(), eventId, value);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.SOURCE, "/gonghui/fault-test");
        header(record, CloudEventHeaders.TYPE, EventType.HONOR_CONFERRED.type());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
