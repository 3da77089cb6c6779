package org.gonghui.platform.outbox;

import java.util.UUID;

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

/**
 * Appends an event to the outbox inside the caller's transaction: the event exists if and only if the state change
 * committed. After commit the relay is woken to publish at once; its polling covers a crash in between.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";

    private final EntityManager em;
    private final EventJson json;
    private final TraceContexts traces;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    @Inject
    public Outbox(EntityManager em, EventJson json, TraceContexts traces,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.em = em;
        this.json = json;
        this.traces = traces;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * @param aggregateId the Kafka key: events of one aggregate keep their order
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(Object aggregateId, Record data) {
        EventType type = EventType.ofData(data.getClass());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                INSERT INTO outbox (id, topic, event_type, aggregate_id, subject, payload, traceparent)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id)
                .setParameter(2, type.topic())
                .setParameter(3, type.type())
                .setParameter(4, aggregateId.toString())
                .setParameter(5, aggregateId.toString())
                .setParameter(6, json.toValidJson(type, data))
                .setParameter(7, traces.currentTraceparent())
                .executeUpdate();
        wakeRelayAfterCommit();
        return id;
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
