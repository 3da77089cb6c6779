package org.gonghui.honors.volunteerhours;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.volunteer.HoursLogged;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;

/**
 * Consumes {@code gonghui.volunteer.hours-logged.v1} into the hours projection. The platform consumer runs this in
 * the transaction that records the event id in the inbox, so a redelivered event is not counted twice. Hours of
 * volunteers without a resident ID (no personRef) cannot be matched to a nominee and are skipped.
 */
@ApplicationScoped
public class HoursLoggedHandler implements EventHandler {

    private final VolunteerHours hours;

    @Inject
    public HoursLoggedHandler(VolunteerHours hours) {
        this.hours = hours;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.HOURS_LOGGED);
    }

    @Override
    public void handle(IncomingEvent event) {
        HoursLogged logged = event.dataAs(HoursLogged.class);
        if (logged.personRef() != null && logged.minutes() > 0) {
            hours.add(logged.personRef(), logged.year(), logged.minutes());
        }
    }
}
