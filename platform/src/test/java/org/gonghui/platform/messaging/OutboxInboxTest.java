package org.gonghui.platform.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.Topics;
import org.gonghui.platform.outbox.Outbox;
import org.gonghui.platform.outbox.OutboxRelay;
import org.gonghui.platform.testing.GonghuiTestResource;
import org.gonghui.platform.testing.TestKafka;
import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox and inbox against a real Kafka broker and a real PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
class OutboxInboxTest {

    // a deadline for correctness, not a speed check: generous, because CI machines can be heavily loaded
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    private KafkaConsumer<String, String> reader;

    @BeforeEach
    void openReader() {
        reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void closeReader() {
        reader.close();
        relay.resume();
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        UUID rolledBack = UUID.randomUUID();
        QuarkusTransaction.begin();
        outbox.append(rolledBack, TestEventsResource.sample(rolledBack));
        QuarkusTransaction.rollback();

        UUID committed = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(committed, TestEventsResource.sample(committed)));

        // the relay publishes in commit order, so once the later event is out, the earlier one would be too
        List<ConsumerRecord<String, String>> records = readUntil(Topics.HONORS, committed.toString());
        assertFalse(records.stream().anyMatch(r -> r.key().equals(rolledBack.toString())));
        assertEquals(0L, countRows("SELECT count(*) FROM outbox WHERE aggregate_id = '" + rolledBack + "'"));
    }

    @Test
    void committedEventIsPublishedExactlyOnceAcrossARelayRestartWithCloudEventsHeaders() {
        relay.stop();
        UUID honor = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.append(honor, TestEventsResource.sample(honor)));
        assertEquals(1L, countRows("SELECT count(*) FROM outbox WHERE published_at IS NULL AND id = '" + eventId + "'"));
        relay.start();

        UUID marker = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(marker, TestEventsResource.sample(marker)));
        List<ConsumerRecord<String, String>> records = readUntil(Topics.HONORS, marker.toString(), honor.toString());
        List<ConsumerRecord<String, String>> ours = records.stream().filter(r -> r.key().equals(honor.toString())).toList();
        assertEquals(1, ours.size(), "published exactly once");
        ConsumerRecord<String, String> record = ours.get(0);
        assertEquals(eventId.toString(), header(record, CloudEventHeaders.ID));
        assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("gonghui.honors.honor-conferred.v1", header(record, CloudEventHeaders.TYPE));
        assertEquals("/gonghui/platform-test", header(record, CloudEventHeaders.SOURCE));
        assertEquals(honor.toString(), header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
        assertNotNull(header(record, CloudEventHeaders.TIME));
        assertTrue(record.value().contains("\"honorId\":\"" + honor + "\""));
    }

    @Test
    void consumedRecordCarriesTheTraceOfTheProducingRequestIntoTheHandler() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID honor = UUID.randomUUID();
        String eventId = given().header("traceparent", "00-" + traceId + "-0123456789abcdef-01")
                .post("/test/honors/" + honor).then().statusCode(200).extract().asString();

        List<ConsumerRecord<String, String>> records = readUntil(Topics.HONORS, honor.toString());
        ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals(honor.toString()))
                .findFirst().orElseThrow();
        assertEquals(eventId, header(record, CloudEventHeaders.ID));
        assertTrue(header(record, CloudEventHeaders.TRACEPARENT).startsWith("00-" + traceId + "-"),
                "traceparent header continues the request's trace");
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM test_effect WHERE honor_id = '" + honor
                + "' AND trace_id = '" + traceId + "'") == 1L);
    }

    @Test
    void aBatchOfEventsIsPublishedAndAppliedLikeSingleOnes() {
        List<UUID> honors = java.util.stream.IntStream.range(0, 2_500).mapToObj(i -> UUID.randomUUID()).toList();
        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(
                honors.stream().map(TestEventsResource::sample).toList(), org.gonghui.contracts.honors.HonorConferred::honorId));
        assertEquals(2_500L, countRows("SELECT count(DISTINCT id) FROM outbox WHERE aggregate_id IN ("
                + honors.stream().map(h -> "'" + h + "'").collect(java.util.stream.Collectors.joining(",")) + ")"));
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM test_effect WHERE honor_id IN ("
                + honors.stream().map(h -> "'" + h + "'").collect(java.util.stream.Collectors.joining(",")) + ")") == 2_500L);
    }

    @Test
    void duplicateDeliveryIsAppliedOnce() throws Exception {
        UUID honor = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String payload = "{\"honorId\":\"" + honor + "\",\"awardCode\":\"may-day-model\",\"level\":\"MUNICIPAL\","
                + "\"modelWorker\":false,\"year\":2016,\"recipientKind\":\"INDIVIDUAL\",\"name\":\"张伟\",\"unitName\":\"\","
                + "\"orgCode\":\"ld\",\"certificateNo\":\"HON-2016-000009\",\"conferredAt\":\"2016-05-01T09:00:00+08:00\"}";
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 3; i++) {
                producer.send(event(eventId, honor.toString(), payload)).get();
            }
        }
        UUID after = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(after, TestEventsResource.sample(after)));
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM test_effect WHERE honor_id = '" + after + "'") == 1L);
        assertEquals(1L, countRows("SELECT count(*) FROM test_effect WHERE honor_id = '" + honor + "'"));
        assertEquals(1L, countRows("SELECT count(*) FROM inbox WHERE event_id = '" + eventId + "'"));
        assertEquals(1L, countRows("SELECT count(*) FROM audit_log WHERE entity_id = '" + honor
                + "' AND actor = 'system'"), "handlers run outside requests and audit as the system");
    }

    @Test
    void poisonAndFailingMessagesGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        String failingId = UUID.randomUUID().toString();
        String failing = "{\"honorId\":\"" + RecordingHandler.ALWAYS_FAILS + "\",\"awardCode\":\"may-day-model\","
                + "\"level\":\"MUNICIPAL\",\"modelWorker\":false,\"year\":2016,\"recipientKind\":\"INDIVIDUAL\","
                + "\"name\":\"x\",\"unitName\":\"\",\"orgCode\":\"ld\",\"certificateNo\":\"C\",\"conferredAt\":\"2016-05-01T09:00:00+08:00\"}";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(event(poisonId, "poison", "{\"honorId\": 42, truncated")).get();
            producer.send(event(failingId, "failing", failing)).get();
        }
        UUID after = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(after, TestEventsResource.sample(after)));
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM test_effect WHERE honor_id = '" + after + "'") == 1L);

        List<ConsumerRecord<String, String>> dead = readUntil(Topics.deadLetterOf(Topics.HONORS), "failing");
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> poisonId.equals(header(r, CloudEventHeaders.ID)))
                .findFirst().orElseThrow();
        assertEquals("{\"honorId\": 42, truncated", poison.value(), "dead letter keeps the original bytes");
        assertTrue(header(poison, CloudEventHeaders.DLQ_ERROR).contains("not JSON"));
        assertEquals("platform-test", header(poison, CloudEventHeaders.DLQ_CONSUMER));
        ConsumerRecord<String, String> failed = dead.stream().filter(r -> failingId.equals(header(r, CloudEventHeaders.ID)))
                .findFirst().orElseThrow();
        assertTrue(header(failed, CloudEventHeaders.DLQ_ERROR).contains("cannot be handled"));
        assertEquals(0L, countRows("SELECT count(*) FROM inbox WHERE event_id = '" + failingId + "'"),
                "a failed event leaves no inbox row, so a replay after the fix applies it");
    }

    @Test
    void aFailingEventAmongGoodOnesOfTheSamePollLeavesTheGoodOnesAppliedOnceEach() throws Exception {
        // sent together, so the consumer most likely gets them in one poll and tries them in one transaction first
        List<UUID> good = java.util.stream.IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        String failingId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < good.size(); i++) {
                if (i == 3) {
                    producer.send(event(failingId, "batch-failing", conferred(RecordingHandler.ALWAYS_FAILS)));
                }
                producer.send(event(UUID.randomUUID().toString(), "batch", conferred(good.get(i))));
            }
            producer.flush();
        }
        String goodIds = good.stream().map(h -> "'" + h + "'").collect(java.util.stream.Collectors.joining(","));
        await().atMost(DEADLINE).until(() -> countRows(
                "SELECT count(*) FROM test_effect WHERE honor_id IN (" + goodIds + ")") == 6L);
        List<ConsumerRecord<String, String>> dead = readUntil(Topics.deadLetterOf(Topics.HONORS), "batch-failing");
        assertEquals(1, dead.stream().filter(r -> failingId.equals(header(r, CloudEventHeaders.ID))).count());
        assertEquals(0L, countRows("SELECT count(*) FROM inbox WHERE event_id = '" + failingId + "'"));
        assertEquals(6L, countRows("SELECT count(DISTINCT honor_id) FROM test_effect WHERE honor_id IN (" + goodIds + ")"));
        assertEquals(6L, countRows("SELECT count(*) FROM audit_log WHERE entity_id IN (" + goodIds + ")"),
                "the rolled-back batch left nothing behind: one audit row per good event");
    }

    private static String conferred(UUID honor) {
        return "{\"honorId\":\"" + honor + "\",\"awardCode\":\"may-day-model\",\"level\":\"MUNICIPAL\","
                + "\"modelWorker\":false,\"year\":2017,\"recipientKind\":\"INDIVIDUAL\",\"name\":\"x\",\"unitName\":\"\","
                + "\"orgCode\":\"ld\",\"certificateNo\":\"C\",\"conferredAt\":\"2017-05-01T09:00:00+08:00\"}";
    }

    @Test
    void deadLettersAreListedForAdminsAndReplayedOnceAfterTheFix() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String payload = "{\"honorId\":\"" + RecordingHandler.FAILS_UNTIL_FIXED + "\",\"awardCode\":\"may-day-model\","
                + "\"level\":\"MUNICIPAL\",\"modelWorker\":false,\"year\":2016,\"recipientKind\":\"INDIVIDUAL\","
                + "\"name\":\"x\",\"unitName\":\"\",\"orgCode\":\"ld\",\"certificateNo\":\"C\",\"conferredAt\":\"2016-05-01T09:00:00+08:00\"}";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(event(eventId, "fails-until-fixed", payload)).get();
        }
        String admin = TestTokens.token("ops", "ld", "admin");
        await().atMost(DEADLINE).until(() -> given().auth().oauth2(admin).get("/ops/dead-letters?max=1000").then()
                .statusCode(200).extract().jsonPath().getList("eventId").contains(eventId));
        given().auth().oauth2(TestTokens.token("county-admin", "ld.lsj", "admin")).get("/ops/dead-letters").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.token("clerk", "ld", "staff")).get("/ops/dead-letters").then().statusCode(403);

        RecordingHandler.bugFixed = true;
        given().auth().oauth2(admin).post("/ops/dead-letters/replay?max=1000").then().statusCode(200);
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM test_effect WHERE honor_id = '"
                + RecordingHandler.FAILS_UNTIL_FIXED + "'") == 1L);
        assertFalse(given().auth().oauth2(admin).get("/ops/dead-letters?max=1000").then().statusCode(200).extract()
                .jsonPath().getList("eventId").contains(eventId), "a replayed letter is no longer pending");
    }

    @Test
    void outboxEventsCanBeRepublishedFromAPointInTime() {
        String admin = TestTokens.token("ops", "ld", "admin");
        UUID honor = UUID.randomUUID();
        java.time.OffsetDateTime before = java.time.OffsetDateTime.now().minusSeconds(1);
        QuarkusTransaction.requiringNew().run(() -> outbox.append(honor, TestEventsResource.sample(honor)));
        await().atMost(DEADLINE).until(() -> countRows("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0L);
        int republished = given().auth().oauth2(admin).queryParam("since", before.toString())
                .post("/ops/outbox/republish").then().statusCode(200).extract().path("republished");
        assertTrue(republished >= 1);
        await().atMost(DEADLINE).until(() -> readAll(honor.toString()) >= 2);
        assertEquals(1L, countRows("SELECT count(*) FROM test_effect WHERE honor_id = '" + honor + "'"),
                "the republished copy carries the same ce_id and is dropped by the inbox");
    }

    @Test
    void pausedRelayKeepsCommittedEventsInTheOutboxUntilResumed() {
        String admin = TestTokens.token("ops", "ld", "admin");
        given().auth().oauth2(TestTokens.token("county-admin", "ld.lsj", "admin")).post("/ops/outbox/pause").then()
                .statusCode(403);
        given().auth().oauth2(admin).post("/ops/outbox/pause").then().statusCode(200).body("paused", equalTo(true));
        UUID honor = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.append(honor, TestEventsResource.sample(honor)));
        relay.wakeUp(); // a wake-up (after commit, or the polling) publishes nothing while paused
        given().auth().oauth2(admin).get("/ops/outbox").then().statusCode(200).body("paused", equalTo(true));
        assertEquals(1L, countRows("SELECT count(*) FROM outbox WHERE published_at IS NULL AND id = '" + eventId + "'"));

        given().auth().oauth2(admin).post("/ops/outbox/resume").then().statusCode(200).body("paused", equalTo(false));
        await().atMost(DEADLINE).until(() -> countRows(
                "SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND id = '" + eventId + "'") == 1L);
        assertEquals(1, readUntil(Topics.HONORS, honor.toString()).stream()
                .filter(r -> r.key().equals(honor.toString())).count());
    }

    private long readAll(String key) {
        return org.gonghui.platform.testing.TestEvents.readAll(Topics.HONORS, r -> key.equals(r.key()),
                Duration.ofSeconds(1)).size();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> event(String id, String key, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.HONORS, key, value);
        r.headers().add(new RecordHeader(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(CloudEventHeaders.TYPE,
                "gonghui.honors.honor-conferred.v1".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** Reads the topic from the beginning until records with all {@code keys} arrived (partitions interleave). */
    private List<ConsumerRecord<String, String>> readUntil(String topic, String... keys) {
        reader.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        await().atMost(DEADLINE).until(() -> {
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
            return java.util.Arrays.stream(keys).allMatch(k -> seen.stream().anyMatch(r -> k.equals(r.key())));
        });
        // drain whatever else is already there, so a duplicate would be seen too
        for (int i = 0; i < 5; i++) {
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private long countRows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
