package org.gonghui.platform.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;
import org.gonghui.platform.tracing.TraceContexts;

/** A consumer for the platform's own tests: each applied event leaves one row, with the trace it ran in. */
@ApplicationScoped
public class RecordingHandler implements EventHandler {

    /** Events for this honor fail, to prove retries and the dead-letter topic. */
    static final java.util.UUID ALWAYS_FAILS = java.util.UUID.fromString("00000000-0000-0000-0000-0000000000ff");

    /** Events for this honor fail until a test "fixes the bug" by clearing the flag. */
    static final java.util.UUID FAILS_UNTIL_FIXED = java.util.UUID.fromString("00000000-0000-0000-0000-0000000000fe");
    static volatile boolean bugFixed;

    @Inject
    EntityManager em;

    @Inject
    TraceContexts traces;

    @Inject
    org.gonghui.platform.audit.AuditLog audit;

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.HONOR_CONFERRED);
    }

    @Override
    public void handle(IncomingEvent event) {
        HonorConferred data = event.dataAs(HonorConferred.class);
        if (ALWAYS_FAILS.equals(data.honorId())) {
            throw new IllegalStateException("this honor cannot be handled");
        }
        if (FAILS_UNTIL_FIXED.equals(data.honorId()) && !bugFixed) {
            throw new IllegalStateException("bug not fixed yet");
        }
        em.createNativeQuery("INSERT INTO test_effect (event_id, honor_id, trace_id) VALUES (?1, ?2, ?3)")
                .setParameter(1, event.id()).setParameter(2, data.honorId())
                .setParameter(3, traces.currentTraceId()).executeUpdate();
        audit.record("test-event-applied", "honor", data.honorId(), data.orgCode(), null);
    }
}
