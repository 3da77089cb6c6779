package org.gonghui.platform.outbox;

import static org.gonghui.platform.transaction.TransactionJdbc.text;
import static org.gonghui.platform.transaction.TransactionJdbc.uuid;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.gonghui.contracts.EventType;
import org.gonghui.platform.events.EventJson;
import org.gonghui.platform.tracing.TraceContexts;
import org.gonghui.platform.transaction.TransactionJdbc;
import org.hibernate.Session;

/**
 * Appends an event to the outbox inside the caller's transaction: the event exists if and only if the state change
 * committed. After commit the relay is woken to publish at once; its polling covers a crash in between.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";
    private static final int BATCH = 1_000;

    private final EntityManager em;
    private final EventJson json;
    private final TraceContexts traces;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final TransactionJdbc jdbc;

    @Inject
    public Outbox(EntityManager em, EventJson json, TraceContexts traces,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay, TransactionJdbc jdbc) {
        this.em = em;
        this.json = json;
        this.traces = traces;
        this.transactions = transactions;
        this.relay = relay;
        this.jdbc = jdbc;
    }

    /**
     * @param aggregateId the Kafka key: events of one aggregate keep their order
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(Object aggregateId, Record data) {
        EventType type = EventType.ofData(data.getClass());
        UUID id = UUID.randomUUID();
        // the caller's pending changes first, as the native query this was did, so that their failures surface in
        // the caller and not at commit; then plain JDBC, without the native query's second-level cache eviction
        em.flush();
        String key = aggregateId.toString();
        jdbc.update("""
                INSERT INTO outbox (id, topic, event_type, aggregate_id, subject, payload, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", uuid(id), text(type.topic()), text(type.type()), text(key), text(key),
                text(json.toValidJson(type, data)), text(traces.currentTraceparent()));
        wakeRelayAfterCommit();
        return id;
    }

    /**
     * Appends many events at once (bulk imports): the same rows as {@link #append}, written with JDBC batches and
     * serialised in parallel, since one INSERT per event dominates an import of thousands.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R extends Record> void appendAll(List<R> events, Function<R, Object> aggregateIdOf) {
        if (events.isEmpty()) {
            return;
        }
        String traceparent = traces.currentTraceparent();
        List<String> payloads = events.parallelStream()
                .map(event -> json.toValidJson(EventType.ofData(event.getClass()), event)).toList();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox (id, topic, event_type, aggregate_id, subject, payload, traceparent)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < events.size(); i++) {
                    R event = events.get(i);
                    EventType type = EventType.ofData(event.getClass());
                    String key = aggregateIdOf.apply(event).toString();
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, type.topic());
                    insert.setString(3, type.type());
                    insert.setString(4, key);
                    insert.setString(5, key);
                    insert.setString(6, payloads.get(i));
                    insert.setString(7, traceparent);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
