package org.gonghui.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.contracts.CloudEventHeaders;
import org.gonghui.platform.kafka.KafkaSettings;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka with an idempotent producer and marks them sent. Woken right after each
 * commit; polls as a fallback (crash between commit and publish, broker down). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas can relay side by side. Delivery is at-least-once: a crash after
 * the send and before the mark re-sends with the same {@code ce_id}, which consumers' inboxes drop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final KafkaSettings kafka;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private final String source;
    private final Semaphore wake = new Semaphore(0);
    private final Object batchLock = new Object();

    private volatile boolean running;
    private volatile boolean paused;
    private Thread worker;
    private volatile KafkaProducer<String, String> producer; // made by the worker thread
    private Connection connection; // the worker thread's only

    @Inject
    public OutboxRelay(AgroalDataSource dataSource, KafkaSettings kafka,
            @ConfigProperty(name = "gonghui.outbox.relay.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "gonghui.outbox.relay.poll-interval", defaultValue = "1s") Duration pollInterval,
            @ConfigProperty(name = "gonghui.outbox.relay.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.source = "/gonghui/" + applicationName;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> settings = kafka.clientSettings();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, source.substring(source.lastIndexOf('/') + 1) + "-outbox");
        running = true;
        worker = new Thread(() -> {
            // made here, off the start-up thread (Kafka clients were ~6 % of its CPU): readiness does not wait for it
            try {
                producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
            } catch (RuntimeException e) { // bad settings; the Kafka readiness check reports the broker
                LOG.errorf(e, "outbox relay: cannot create its Kafka producer; events stay in the outbox");
                running = false;
                return;
            }
            loop();
        }, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Test and operations hook: stop publishing without stopping the service (events pile up in the outbox). Returns
     * once a batch in flight is done, so nothing committed after this call is published until {@link #resume}.
     */
    public void pause() {
        paused = true;
        synchronized (batchLock) {
            // waits for publishBatch in flight
        }
    }

    public boolean isPaused() {
        return paused;
    }

    public void resume() {
        paused = false;
        wakeUp();
    }

    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        try {
            relayUntilStopped();
        } finally {
            discardConnection();
        }
    }

    private void relayUntilStopped() {
        kafka.ensureSuiteTopics();
        long backoffMs = 200;
        while (running) {
            try {
                int published;
                synchronized (batchLock) {
                    published = paused ? 0 : publishBatch();
                }
                backoffMs = 200;
                if (published < batchSize) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.toString(), backoffMs);
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /**
     * Publishes up to one batch of unpublished rows, oldest first; returns how many were published. One transaction:
     * claim and mark the rows, send them, wait for the broker's acks, commit; a failed send rolls the mark back. The
     * commit does not wait for the WAL flush: if the database loses it in a crash the rows are sent again, and the
     * consumers' inboxes drop the repeats, so a durable mark would only slow every pass down.
     */
    int publishBatch() throws Exception {
        Connection connection = connection();
        try {
            List<Row> rows = claim(connection);
            if (rows.isEmpty()) {
                connection.commit();
                return 0;
            }
            List<Future<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(producer.send(toRecord(row)));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get(15, TimeUnit.SECONDS);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = off");
            }
            connection.commit();
            return rows.size();
        } catch (Exception e) {
            discardConnection();
            throw e;
        }
    }

    /**
     * The relay's own connection, kept between passes: taking one from the pool for each pass made the relay queue
     * behind the requests whenever the pool was busy, and that wait was added to every event's latency.
     */
    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = dataSource.getConnection();
            fresh.setAutoCommit(false);
            connection = fresh;
        }
        return connection;
    }

    private void discardConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; closing it below is all that is left to do
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing the relay's connection: %s", e);
        }
        connection = null;
    }

    /** Claims and marks up to one batch in one statement; the mark counts only if the transaction commits. */
    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement("""
                UPDATE outbox SET published_at = now(), attempts = attempts + 1
                WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?
                              FOR UPDATE SKIP LOCKED)
                RETURNING seq, id, topic, event_type, aggregate_id, subject, payload, traceparent, created_at""")) {
            claim.setInt(1, batchSize);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class)));
                }
            }
        }
        rows.sort(Comparator.comparingLong(Row::seq)); // RETURNING has no order; events of one key keep theirs
        return rows;
    }

    private ProducerRecord<String, String> toRecord(Row row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.aggregateId(), row.payload());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, row.id().toString());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.TYPE, row.type());
        header(record, CloudEventHeaders.TIME, row.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, CloudEventHeaders.SUBJECT, row.subject());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(record, CloudEventHeaders.TRACEPARENT, row.traceparent());
        return record;
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Marks every event written at or after {@code since} as unpublished, so the relay sends it again: for a consumer
     * that lost its database. Consumers that still have their inbox drop the repeats.
     */
    public int republishSince(OffsetDateTime since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE outbox SET published_at = NULL WHERE created_at >= ? AND published_at IS NOT NULL")) {
            update.setObject(1, since);
            int count = update.executeUpdate();
            wakeUp();
            return count;
        }
    }

    /** Rows written and not yet published: the relay's backlog. */
    public long backlog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE published_at IS NULL");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long seq, UUID id, String topic, String type, String aggregateId, String subject,
            String payload, String traceparent, OffsetDateTime createdAt) {
    }
}
