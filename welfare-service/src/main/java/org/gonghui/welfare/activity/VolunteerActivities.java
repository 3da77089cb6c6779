package org.gonghui.welfare.activity;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.volunteer.ActivityCompleted;
import org.gonghui.platform.inbox.EventHandler;
import org.gonghui.platform.inbox.IncomingEvent;

/** Records completed volunteer activities so an application's {@code activityId} can be checked against them. */
@ApplicationScoped
public class VolunteerActivities implements EventHandler {

    private final EntityManager em;

    @Inject
    public VolunteerActivities(EntityManager em) {
        this.em = em;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.ACTIVITY_COMPLETED);
    }

    @Override
    @ActivateRequestContext // the audit log and org scope are request scoped; a consumed event has no request
    public void handle(IncomingEvent event) {
        ActivityCompleted a = event.dataAs(ActivityCompleted.class);
        em.createNativeQuery("""
                INSERT INTO volunteer_activity (activity_id, title, kind, org_code, starts_at, ends_at, attendees, completed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (activity_id) DO NOTHING""")
                .setParameter(1, a.activityId()).setParameter(2, a.title()).setParameter(3, a.kind())
                .setParameter(4, a.orgCode()).setParameter(5, a.startsAt()).setParameter(6, a.endsAt())
                .setParameter(7, a.attendees()).setParameter(8, a.completedAt()).executeUpdate();
    }

    /** The org of a completed activity, or null when welfare never saw it complete. */
    public String orgOf(UUID activityId) {
        var rows = em.createNativeQuery("SELECT org_code FROM volunteer_activity WHERE activity_id = ?1")
                .setParameter(1, activityId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }
}
