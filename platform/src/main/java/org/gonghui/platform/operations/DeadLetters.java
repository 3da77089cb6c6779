package org.gonghui.platform.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.contracts.Topics;
import org.gonghui.platform.inbox.EventConsumer;
import org.gonghui.platform.kafka.KafkaSettings;

/**
 * The dead letters this service's consumer left on {@code <topic>.dlq}, and their replay after a fix: a replayed
 * record goes back to its original topic with its original {@code ce_id}, so consumers that had applied it (other
 * services) drop it in their inbox and this service applies it once. Progress is the committed offset of the consumer
 * group {@code <group>.dlq-replay}: what was replayed is no longer pending.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Set<String> DLQ_HEADERS = Set.of(CloudEventHeaders.DLQ_ERROR, CloudEventHeaders.DLQ_CONSUMER,
            "gonghui_dlq_origin");

    private final KafkaSettings kafka;
    private final EventConsumer consumer;

    @Inject
    public DeadLetters(KafkaSettings kafka, EventConsumer consumer) {
        this.kafka = kafka;
        this.consumer = consumer;
    }

    public record DeadLetter(String topic, int partition, long offset, String eventId, String eventType, String key,
            String error, String origin, OffsetDateTime deadAt, String value) {
    }

    /** Pending dead letters of this service, oldest first, at most {@code max}. */
    public List<DeadLetter> pending(int max) {
        List<DeadLetter> result = new ArrayList<>();
        scan(max, (record, letter) -> result.add(letter), false);
        return result;
    }

    /** Re-publishes up to {@code max} pending dead letters to their original topics; returns them. */
    public List<DeadLetter> replay(int max) {
        List<DeadLetter> replayed = new ArrayList<>();
        Map<String, Object> settings = kafka.clientSettings();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            scan(max, (record, letter) -> {
                String originalTopic = record.topic().substring(0, record.topic().length() - Topics.DLQ_SUFFIX.length());
                ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(originalTopic, null, record.key(),
                        record.value());
                for (Header h : record.headers()) {
                    if (!DLQ_HEADERS.contains(h.key())) {
                        again.headers().add(h);
                    }
                }
                try {
                    producer.send(again).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("replay of " + letter.eventId() + " failed: " + e, e);
                }
                replayed.add(letter);
            }, true);
        }
        return replayed;
    }

    private interface Visitor {
        void visit(ConsumerRecord<byte[], byte[]> record, DeadLetter letter);
    }

    private void scan(int max, Visitor visitor, boolean commit) {
        List<String> dlqTopics = consumer.topics().stream().map(Topics::deadLetterOf).toList();
        if (dlqTopics.isEmpty()) {
            return;
        }
        Map<String, Object> settings = kafka.clientSettings();
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, consumer.groupId() + ".dlq-replay");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : dlqTopics) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            reader.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = reader.committed(Set.copyOf(partitions),
                    Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null) {
                    reader.seek(tp, c.offset());
                } else {
                    reader.seekToBeginning(List.of(tp));
                }
            }
            Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (seen < max && !caughtUp(reader, partitions, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (seen >= max || record.offset() >= end.get(tp)) {
                        continue;
                    }
                    if (consumer.groupId().equals(header(record, CloudEventHeaders.DLQ_CONSUMER))) {
                        visitor.visit(record, toLetter(record));
                        seen++;
                    }
                    progress.put(tp, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            if (commit && !progress.isEmpty()) {
                reader.commitSync(progress);
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> reader, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (reader.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter toLetter(ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        return new DeadLetter(record.topic(), record.partition(), record.offset(), header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, CloudEventHeaders.DLQ_ERROR), header(record, "gonghui_dlq_origin"),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC),
                value != null && value.length() > 4000 ? value.substring(0, 4000) : value);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
