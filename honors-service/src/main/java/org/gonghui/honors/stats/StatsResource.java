package org.gonghui.honors.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.honors.award.Award;
import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

/** Honors conferred per award in a year within the caller's subtree: the honors part of the annual report. */
@Path("/api/v1/honors/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    public record HonorStats(int year, String orgCode, Map<String, Long> byAward) {
    }

    private final EntityManager em;
    private final OrgScope scope;
    private final HonorsClock clock;

    @Inject
    public StatsResource(EntityManager em, OrgScope scope, HonorsClock clock) {
        this.em = em;
        this.scope = scope;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Transactional
    @Operation(summary = "Honors (not revoked) per award code for a year (default: this year) in the caller's subtree")
    public HonorStats stats(@QueryParam("year") @Min(1949) @Max(2200) Integer year) {
        int y = year == null ? clock.today().getYear() : year;
        Map<String, Long> byAward = new TreeMap<>();
        Award.<Award> listAll().forEach(a -> byAward.put(a.code, 0L));
        TypedQuery<Object[]> query = em.createQuery("select awardCode, count(*) from Honor where year = :year "
                + "and revokedAt is null and " + scope.jpql("orgCode") + " group by awardCode", Object[].class)
                .setParameter("year", y);
        scope.parameterMap().forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        rows.forEach(r -> byAward.put((String) r[0], ((Number) r[1]).longValue()));
        return new HonorStats(y, scope.org(), byAward);
    }
}
