package org.gonghui.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Ids of the events this service has applied, written in the same transaction as their effect. */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    @Inject
    public Inbox(EntityManager em) {
        this.em = em;
    }

    /** Records the event; false when it was recorded before (a duplicate delivery to skip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(IncomingEvent event) {
        return em.createNativeQuery("""
                INSERT INTO inbox (event_id, event_type, topic) VALUES (?1, ?2, ?3)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.type().type())
                .setParameter(3, event.topic())
                .executeUpdate() == 1;
    }
}
