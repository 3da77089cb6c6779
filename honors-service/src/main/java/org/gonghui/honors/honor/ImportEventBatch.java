package org.gonghui.honors.honor;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.platform.events.EventJson;
import org.gonghui.platform.outbox.OutboxRelay;
import org.gonghui.platform.tracing.TraceContexts;
import org.hibernate.Session;

/**
 * Writes many honor-conferred events to the platform outbox at once, in the caller's transaction: the rows are
 * exactly what {@code Outbox.append} writes (schema-validated JSON, topic, type, key, traceparent), but in one COPY
 * stream instead of one INSERT per event, which costs about 2.5 ms each here. The relay is woken after commit as
 * {@code Outbox} does. Wanted upstream: a batch {@code Outbox.appendAll}.
 */
@ApplicationScoped
public class ImportEventBatch {

    private static final String WAKE = ImportEventBatch.class.getName() + ".wake";

    private final EntityManager em;
    private final EventJson json;
    private final TraceContexts traces;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    @Inject
    public ImportEventBatch(EntityManager em, EventJson json, TraceContexts traces,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.em = em;
        this.json = json;
        this.traces = traces;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void appendConferred(List<HonorConferred> events) {
        if (events.isEmpty()) {
            return;
        }
        EventType type = EventType.HONOR_CONFERRED;
        String traceparent = traces.currentTraceparent();
        // serialising and schema-validating is the costly part: spread it over the cores
        List<String> payloads = events.parallelStream().map(event -> json.toValidJson(type, event)).toList();
        List<String[]> rows = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String key = events.get(i).honorId().toString();
            rows.add(new String[] { UUID.randomUUID().toString(), type.topic(), type.type(), key, key, payloads.get(i),
                    traceparent });
        }
        em.unwrap(Session.class).doWork(connection -> PgCopy.copy(connection, "outbox",
                "id, topic, event_type, aggregate_id, subject, payload, traceparent", rows));
        if (transactions.getResource(WAKE) == null) {
            transactions.putResource(WAKE, Boolean.TRUE);
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
}
