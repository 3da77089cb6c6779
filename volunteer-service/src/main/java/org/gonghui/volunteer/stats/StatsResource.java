package org.gonghui.volunteer.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.support.Times;

@Path("/api/v1/volunteer/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /**
     * The volunteer section of the annual report. {@code activities}: completed activities starting in the year;
     * {@code teams}: the subtree's volunteer teams on the books in the year (issue 29.19): formed by the year's end,
     * where a team whose history was entered later (shifts before its registration) counts from its first shift;
     * teams are never dissolved, so each counts every year from then on (the coordinator's list of that time);
     * {@code communitiesServed}: distinct communities of those activities;
     * {@code volunteerHours}: credited minutes / 60 rounded down ({@code volunteerMinutes} exact);
     * {@code aidDeliveredFen}: aid paid on visits in the year.
     */
    public record VolunteerStats(int year, String orgCode, long activities, long teams, long communitiesServed,
            long volunteerHours, long volunteerMinutes, long aidDeliveredFen) {
    }

    private final OrgScope scope;
    private final EntityManager em;

    @Inject
    public StatsResource(OrgScope scope, EntityManager em) {
        this.scope = scope;
        this.em = em;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Volunteer figures of a year within the caller's subtree (annual report section)")
    public VolunteerStats stats(@QueryParam("year") @NotNull @Min(1949) @Max(2200) Integer year) {
        var from = Times.startOfYear(year);
        var to = Times.startOfYear(year + 1);
        Object[] activity = (Object[]) em.createQuery("select count(a), count(distinct a.communityId)"
                + " from Activity a"
                + " where " + scope.jpql("a.orgCode") + " and a.status = :completed"
                + " and a.startsAt >= :from and a.startsAt < :to")
                .setParameter("scopeOrg", scope.org()).setParameter("scopeOrgPrefix", scope.org() + ".%")
                .setParameter("completed", org.gonghui.volunteer.activity.Activity.Status.COMPLETED)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        long minutes = em.createQuery("select coalesce(sum(h.minutes), 0) from HoursEntry h where "
                + scope.jpql("h.orgCode") + " and h.year = :year", Long.class)
                .setParameter("scopeOrg", scope.org()).setParameter("scopeOrgPrefix", scope.org() + ".%")
                .setParameter("year", year).getSingleResult();
        long aid = em.createQuery("select coalesce(sum(d.amountFen), 0) from AidDelivery d where "
                + scope.jpql("d.orgCode") + " and d.year = :year", Long.class)
                .setParameter("scopeOrg", scope.org()).setParameter("scopeOrgPrefix", scope.org() + ".%")
                .setParameter("year", year).getSingleResult();
        long teams = em.createQuery("select count(t) from Team t where " + scope.jpql("t.orgCode")
                + " and (t.createdAt < :to or exists (select a.id from Activity a where a.teamId = t.id"
                + " and a.startsAt < :to))", Long.class)
                .setParameter("scopeOrg", scope.org()).setParameter("scopeOrgPrefix", scope.org() + ".%")
                .setParameter("to", to).getSingleResult();
        return new VolunteerStats(year, scope.org(), (Long) activity[0], teams, (Long) activity[1],
                minutes / 60, minutes, aid);
    }
}
