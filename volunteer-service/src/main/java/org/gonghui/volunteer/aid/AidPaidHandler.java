package org.gonghui.volunteer.aid;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.welfare.AidPaid;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;

/**
 * Records aid paid on a volunteer visit. A redelivered event (same ce_id) is skipped by the platform inbox; a second
 * event about the same application is ignored by its primary key, so the amount is counted once either way.
 */
@ApplicationScoped
public class AidPaidHandler implements EventHandler {

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.AID_PAID);
    }

    @Override
    public void handle(IncomingEvent event) {
        AidPaid paid = event.dataAs(AidPaid.class);
        if (paid.activityId() == null || AidDelivery.findById(paid.applicationId()) != null) {
            return; // aid not handed over on a visit is not ours to show
        }
        AidDelivery aid = new AidDelivery();
        aid.applicationId = paid.applicationId();
        aid.activityId = paid.activityId();
        aid.programCode = paid.programCode();
        aid.orgCode = paid.orgCode();
        aid.amountFen = paid.amountFen();
        aid.year = paid.year();
        aid.paidAt = paid.paidAt();
        aid.persist();
    }
}
