package org.gonghui.platform.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.platform.outbox.Outbox;

/** A stand-in producer for the platform's own tests: appends honor-conferred events through the outbox. */
@Path("/test/honors")
@PermitAll
public class TestEventsResource {

    @Inject
    Outbox outbox;

    @POST
    @Path("/{honorId}")
    @Transactional
    public String confer(@PathParam("honorId") UUID honorId) {
        return outbox.append(honorId, sample(honorId)).toString();
    }

    static HonorConferred sample(UUID honorId) {
        return new HonorConferred(honorId, "may-day-model", "MUNICIPAL", false, 2016, "INDIVIDUAL", "李明", null,
                "涟源钢铁", "ld.ly", "HON-2016-000001", OffsetDateTime.now());
    }
}
