package org.gonghui.honors.volunteerhours;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Projection of hours-logged events: volunteer minutes per person and calendar year. */
@ApplicationScoped
public class VolunteerHours {

    private final EntityManager em;

    @Inject
    public VolunteerHours(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String personRef, int year, long minutes) {
        em.createNativeQuery("""
                INSERT INTO volunteer_hours (person_ref, year, minutes) VALUES (?1, ?2, ?3)
                ON CONFLICT (person_ref, year)
                DO UPDATE SET minutes = volunteer_hours.minutes + EXCLUDED.minutes, updated_at = now()""")
                .setParameter(1, personRef).setParameter(2, year).setParameter(3, minutes).executeUpdate();
    }

    public long minutes(String personRef, int year) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("SELECT minutes FROM volunteer_hours WHERE person_ref = ?1 AND year = ?2")
                .setParameter(1, personRef).setParameter(2, year).getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).longValue();
    }
}
