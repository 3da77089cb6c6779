package org.gonghui.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.gonghui.platform.errors.DatabaseFailures;
import org.gonghui.platform.events.EventJson;
import org.gonghui.platform.events.EventJson.InvalidEventException;
import org.gonghui.platform.kafka.KafkaSettings;
import org.gonghui.platform.tracing.TraceContexts;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the service's {@link EventHandler}s: one consumer thread; each event's inbox row and effect in one transaction
 * (the events of one poll share it when all of them apply cleanly), offsets committed only after the transactions.
 * A failing event is retried on its own; a malformed one, or one that keeps failing,
 * goes to {@code <topic>.dlq} with the error in a header and consumption goes on. While the database is unreachable
 * the consumer waits instead of dead-lettering good events.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<EventType, List<EventHandler>> handlers = new EnumMap<>(EventType.class);
    private final KafkaSettings kafka;
    private final EventJson json;
    private final Inbox inbox;
    private final TraceContexts traces;
    private final boolean enabled;
    private final String groupId;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration offsetCommitInterval;
    // offsets of the records this consumer is done with; touched by the consumer thread only
    private final Map<TopicPartition, OffsetAndMetadata> delivered = new HashMap<>();
    private boolean uncommitted;
    private long lastCommit = System.nanoTime();

    private volatile boolean running;
    private Thread worker;
    // made by the worker thread, off the start-up thread (the three Kafka clients were ~6 % of its CPU); stop() reads them
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile KafkaProducer<byte[], byte[]> deadLetters;

    @Inject
    public EventConsumer(Instance<EventHandler> handlerBeans, KafkaSettings kafka, EventJson json, Inbox inbox,
            TraceContexts traces,
            @ConfigProperty(name = "gonghui.consumer.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "gonghui.consumer.group-id") java.util.Optional<String> groupId,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "gonghui.consumer.max-attempts", defaultValue = "3") int maxAttempts,
            @ConfigProperty(name = "gonghui.consumer.retry-backoff", defaultValue = "200ms") Duration retryBackoff,
            @ConfigProperty(name = "gonghui.consumer.offset-commit-interval", defaultValue = "100ms")
            Duration offsetCommitInterval) {
        for (EventHandler handler : handlerBeans) {
            for (EventType type : handler.handles()) {
                handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
            }
        }
        this.kafka = kafka;
        this.json = json;
        this.inbox = inbox;
        this.traces = traces;
        this.enabled = enabled;
        this.groupId = groupId.orElse(applicationName);
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        this.offsetCommitInterval = offsetCommitInterval;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && !handlers.isEmpty()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public List<String> topics() {
        return handlers.keySet().stream().map(EventType::topic).distinct().sorted().toList();
    }

    public String groupId() {
        return groupId;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> consumerSettings = kafka.clientSettings();
        consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

        Map<String, Object> producerSettings = kafka.clientSettings();
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);

        running = true;
        worker = new Thread(() -> {
            try {
                consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                deadLetters = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
            } catch (RuntimeException e) { // bad settings; the Kafka readiness check reports the broker
                LOG.errorf(e, "event consumer %s: cannot create its Kafka clients; not consuming", groupId);
                running = false;
                return;
            }
            loop();
        }, "event-consumer-" + groupId);
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        KafkaConsumer<byte[], byte[]> polling = consumer;
        if (polling != null) { // else the worker has not made it yet, and sees running == false before its first poll
            polling.wakeup();
        }
        try {
            worker.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        try {
            kafka.ensureSuiteTopics();
            consumer.subscribe(topics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitNow(partitions); // the next owner starts after what this one applied
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(delivered::remove);
                }
            });
            LOG.infof("consuming %s as group %s", topics(), groupId);
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty() && !deliverAll(records)) {
                        return; // stopped midway: the rest is delivered again, and the inbox drops what was applied
                    }
                    commitOffsets(records.isEmpty());
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // The broker away longer than the commit timeout, or the group rebalanced meanwhile: the records
                    // were applied, and any that come again are dropped by the inbox. Giving up here would leave the
                    // service up but deaf (found by BrokerRestartFaultIT), so keep consuming.
                    LOG.warnf("event consumer %s: %s; going on", groupId, e.toString());
                    sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll
        } catch (Exception e) {
            LOG.errorf(e, "event consumer %s stopped", groupId);
        } finally {
            commitNow(List.copyOf(delivered.keySet()));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Offsets go to the broker without waiting for its answer, at most every {@code offset-commit-interval} while
     * events flow and at once when they stop: a blocking commit after every poll held up the next event by a round
     * trip, and each commit costs the broker a write. A commit lost in a crash only re-delivers events the inbox drops.
     */
    private void commitOffsets(boolean idle) {
        long now = System.nanoTime();
        if (uncommitted && (idle || now - lastCommit >= offsetCommitInterval.toNanos())) {
            consumer.commitAsync(new HashMap<>(delivered), (offsets, error) -> {
                if (error != null) { // called back on this thread, in a later poll
                    LOG.debugf("event consumer %s: offset commit failed (%s); trying again", groupId, error);
                    uncommitted = true;
                }
            });
            uncommitted = false;
            lastCommit = now;
        }
    }

    private void commitNow(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = delivered.remove(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
            } catch (WakeupException e) {
                consumer.commitSync(offsets, COMMIT_TIMEOUT); // stop() woke the consumer outside a poll: once more
            }
        } catch (Exception e) {
            LOG.warnf("event consumer %s: could not commit offsets (%s); those events come again", groupId, e);
        }
    }

    /**
     * Applies a poll's records: all in one transaction when they parse and apply cleanly (one commit instead of one
     * per event), otherwise one by one with retries and the dead-letter topic. Returns false if stopped midway.
     */
    private boolean deliverAll(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        if (all.size() > 1 && applyTogether(all)) {
            all.forEach(this::markDelivered);
            return true;
        }
        for (ConsumerRecord<byte[], byte[]> record : all) {
            if (!running || !deliver(record)) {
                return false;
            }
            markDelivered(record);
        }
        return true;
    }

    private boolean applyTogether(List<ConsumerRecord<byte[], byte[]>> records) {
        List<IncomingEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                IncomingEvent event = parse(record);
                if (event != null) {
                    events.add(event);
                }
            } catch (InvalidEventException e) {
                return false; // the one-by-one path dead-letters it
            }
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> events.forEach(this::applyInTransaction));
            return true;
        } catch (Exception e) {
            LOG.debugf("a batch of %d events failed (%s); applying them one by one", events.size(), e);
            return false;
        }
    }

    private void markDelivered(ConsumerRecord<?, ?> record) {
        delivered.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        uncommitted = true;
    }

    /**
     * Applies one record or dead-letters it; returns true when it is done with it, false when the consumer stopped
     * first (the record must then be delivered again).
     */
    boolean deliver(ConsumerRecord<byte[], byte[]> record) {
        IncomingEvent event;
        try {
            event = parse(record);
        } catch (InvalidEventException e) {
            return deadLetter(record, e.getMessage());
        }
        if (event == null) {
            return true; // a type this service does not handle
        }
        int attempt = 0;
        long backoff = retryBackoff.toMillis();
        while (running) {
            try {
                apply(event);
                return true;
            } catch (Exception e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    LOG.warnf("database unavailable while applying %s; waiting", event.id());
                    sleep(Math.min(backoff *= 2, 5_000));
                    continue;
                }
                if (++attempt >= maxAttempts || e instanceof InvalidEventException) {
                    return deadLetter(record, e.toString());
                }
                LOG.debugf("attempt %d of %s failed: %s", attempt, event.id(), e);
                sleep(backoff * attempt);
            }
        }
        return false;
    }

    private void apply(IncomingEvent event) {
        QuarkusTransaction.requiringNew().run(() -> applyInTransaction(event));
    }

    /** The inbox row and the handlers' effects, in the caller's transaction, in a span continuing the producer's trace. */
    private void applyInTransaction(IncomingEvent event) {
        Span span = traces.startSpan("consume " + event.type().type(), SpanKind.CONSUMER, event.traceparent());
        try (Scope ignored = span.makeCurrent()) {
            if (inbox.firstDelivery(event)) {
                for (EventHandler handler : handlers.get(event.type())) {
                    handler.handle(event);
                }
            }
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.toString());
            throw e;
        } finally {
            span.end();
        }
    }

    private IncomingEvent parse(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        String id = header(record, CloudEventHeaders.ID);
        if (type == null || id == null) {
            throw new InvalidEventException("missing " + CloudEventHeaders.TYPE + " or " + CloudEventHeaders.ID);
        }
        EventType eventType = EventType.ofType(type).orElse(null);
        if (eventType == null || !handlers.containsKey(eventType)) {
            return null;
        }
        UUID eventId;
        OffsetDateTime time;
        try {
            eventId = UUID.fromString(id);
            String t = header(record, CloudEventHeaders.TIME);
            time = t == null ? null : OffsetDateTime.parse(t);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("bad ce_id or ce_time: " + e.getMessage());
        }
        if (record.value() == null) {
            throw new InvalidEventException("empty value");
        }
        JsonNode data;
        try {
            data = json.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new InvalidEventException("value is not JSON");
        }
        json.requireValid(eventType, data);
        return new IncomingEvent(eventId, eventType, header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), time, header(record, CloudEventHeaders.TRACEPARENT),
                (Record) json.read(data, eventType.dataClass()), record.topic(), record.partition(), record.offset());
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, String error) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.deadLetterOf(record.topic()), null,
                record.key(), record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        String reason = error == null ? "unknown" : error.length() > 1000 ? error.substring(0, 1000) : error;
        dead.headers().add(new RecordHeader(CloudEventHeaders.DLQ_ERROR, reason.getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader(CloudEventHeaders.DLQ_CONSUMER, groupId.getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("gonghui_dlq_origin",
                (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8)));
        while (running) {
            try {
                deadLetters.send(dead).get(10, TimeUnit.SECONDS);
                LOG.warnf("dead-lettered %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.warnf("cannot reach the dead-letter topic yet: %s", e.toString());
                sleep(1_000);
            }
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
