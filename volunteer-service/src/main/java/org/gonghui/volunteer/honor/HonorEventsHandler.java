package org.gonghui.volunteer.honor;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;

/**
 * Keeps the honors of individuals so a volunteer's profile can show them (matched by personRef). The platform inbox
 * makes each event take effect once; the primary key on the honor id makes a re-import harmless too.
 */
@ApplicationScoped
public class HonorEventsHandler implements EventHandler {

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.HONOR_CONFERRED, EventType.HONOR_REVOKED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (event.type() == EventType.HONOR_CONFERRED) {
            conferred(event.dataAs(HonorConferred.class));
        } else {
            revoked(event.dataAs(HonorRevoked.class));
        }
    }

    private void conferred(HonorConferred h) {
        if (h.personRef() == null || PersonHonor.findById(h.honorId()) != null) {
            return; // collectives and posts have no person; a known honor is not added twice
        }
        PersonHonor honor = new PersonHonor();
        honor.honorId = h.honorId();
        honor.personRef = h.personRef();
        honor.awardCode = h.awardCode();
        honor.level = h.level();
        honor.modelWorker = h.modelWorker();
        honor.year = h.year();
        honor.certificateNo = h.certificateNo();
        honor.conferredAt = h.conferredAt();
        honor.persist();
    }

    private void revoked(HonorRevoked r) {
        PersonHonor honor = PersonHonor.findById(r.honorId());
        if (honor != null && honor.revokedAt == null) {
            honor.revokedAt = r.revokedAt();
        }
    }
}
