package org.gonghui.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
 * Runs the service's {@link EventHandler}s: one consumer thread, one transaction per event (inbox row + effect),
 * offsets committed after the transactions. A failing event is retried; a malformed one, or one that keeps failing,
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

    private volatile boolean running;
    private Thread worker;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> deadLetters;

    @Inject
    public EventConsumer(Instance<EventHandler> handlerBeans, KafkaSettings kafka, EventJson json, Inbox inbox,
            TraceContexts traces,
            @ConfigProperty(name = "gonghui.consumer.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "gonghui.consumer.group-id") java.util.Optional<String> groupId,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "gonghui.consumer.max-attempts", defaultValue = "3") int maxAttempts,
            @ConfigProperty(name = "gonghui.consumer.retry-backoff", defaultValue = "200ms") Duration retryBackoff) {
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
        consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> producerSettings = kafka.clientSettings();
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        deadLetters = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());

        running = true;
        worker = new Thread(this::loop, "event-consumer-" + groupId);
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            worker.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }

    private void loop() {
        try {
            kafka.ensureSuiteTopics();
            consumer.subscribe(topics());
            LOG.infof("consuming %s as group %s", topics(), groupId);
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (!running) {
                            return; // uncommitted records are delivered again; the inbox drops what was applied
                        }
                        deliver(record);
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync(COMMIT_TIMEOUT);
                    }
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
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one record or dead-letters it; returns only when it is done with it (or the consumer stops). */
    void deliver(ConsumerRecord<byte[], byte[]> record) {
        IncomingEvent event;
        try {
            event = parse(record);
        } catch (InvalidEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (event == null) {
            return; // a type this service does not handle
        }
        int attempt = 0;
        long backoff = retryBackoff.toMillis();
        while (running) {
            try {
                apply(event);
                return;
            } catch (Exception e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    LOG.warnf("database unavailable while applying %s; waiting", event.id());
                    sleep(Math.min(backoff *= 2, 5_000));
                    continue;
                }
                if (++attempt >= maxAttempts || e instanceof InvalidEventException) {
                    deadLetter(record, e.toString());
                    return;
                }
                LOG.debugf("attempt %d of %s failed: %s", attempt, event.id(), e);
                sleep(backoff * attempt);
            }
        }
    }

    private void apply(IncomingEvent event) {
        Span span = traces.startSpan("consume " + event.type().type(), SpanKind.CONSUMER, event.traceparent());
        try (Scope ignored = span.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (inbox.firstDelivery(event)) {
                    for (EventHandler handler : handlers.get(event.type())) {
                        handler.handle(event);
                    }
                }
            });
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

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String error) {
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
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("cannot reach the dead-letter topic yet: %s", e.toString());
                sleep(1_000);
            }
        }
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
