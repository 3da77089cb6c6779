package org.gonghui.platform.inbox;

import static org.gonghui.platform.transaction.TransactionJdbc.text;
import static org.gonghui.platform.transaction.TransactionJdbc.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.gonghui.platform.transaction.TransactionJdbc;

/** Ids of the events this service has applied, written in the same transaction as their effect. */
@ApplicationScoped
public class Inbox {

    private final TransactionJdbc jdbc;

    @Inject
    public Inbox(TransactionJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when it was recorded before (a duplicate delivery to skip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(IncomingEvent event) {
        // the first statement of the event's transaction (nothing to flush before it); plain JDBC, so that no
        // event evicts the second-level cache
        return jdbc.update("""
                INSERT INTO inbox (event_id, event_type, topic) VALUES (?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""", uuid(event.id()), text(event.type().type()),
                text(event.topic())) == 1;
    }
}
