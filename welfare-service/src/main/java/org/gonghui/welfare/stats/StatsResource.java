package org.gonghui.welfare.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
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
import org.gonghui.welfare.program.Program;
import org.gonghui.welfare.stats.WelfareStats.ModelWorkerCondolence;
import org.gonghui.welfare.stats.WelfareStats.PeopleAndAmount;
import org.gonghui.welfare.stats.WelfareStats.StudentAid;

@Path("/api/v1/welfare/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final EntityManager em;
    private final OrgScope scope;

    @Inject
    public StatsResource(EntityManager em, OrgScope scope) {
        this.em = em;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The annual report's welfare section for a year within the caller's org subtree (paid aid and enrolments)")
    @Transactional
    public WelfareStats stats(@QueryParam("year") @NotNull @Min(1949) @Max(2200) Integer year) {
        Map<String, long[]> paid = paidByProgram(year);
        Map<String, Long> enrolled = enrolledByProgram(year);
        long[] visits = (long[]) single("""
                SELECT count(DISTINCT a.beneficiary_key) FILTER (WHERE a.beneficiary_kind = 'ENTERPRISE'),
                       count(DISTINCT a.beneficiary_key) FILTER (WHERE a.beneficiary_kind <> 'ENTERPRISE')
                FROM application a WHERE a.status = 'PAID' AND a.year = :year AND a.program_code = 'condolence-visit'
                  AND """ + scope.sql("a.org_code"), year, 2);
        long[] mwLevels = (long[]) single("""
                SELECT count(DISTINCT a.person_ref) FILTER (WHERE a.model_worker_level = 'NATIONAL'),
                       count(DISTINCT a.person_ref) FILTER (WHERE a.model_worker_level = 'PROVINCIAL'),
                       count(DISTINCT a.person_ref) FILTER (WHERE a.model_worker_level = 'MUNICIPAL')
                FROM application a WHERE a.status = 'PAID' AND a.year = :year
                  AND a.program_code = 'model-worker-condolence' AND """ + scope.sql("a.org_code"), year, 3);
        long[] none = { 0, 0, 0 };
        return new WelfareStats(year, scope.org(), visits[0], visits[1],
                paid.getOrDefault(Program.CONDOLENCE_VISIT, none)[1],
                new StudentAid(paid.getOrDefault(Program.STUDENT_AID, none)[0],
                        paid.getOrDefault(Program.STUDENT_AID, none)[1]),
                enrolled.getOrDefault(Program.JOB_TRAINING, 0L),
                enrolled.getOrDefault(Program.MEDICAL_MUTUAL_AID, 0L),
                enrolled.getOrDefault(Program.FEMALE_SPECIAL_DISEASE, 0L),
                paid.getOrDefault(Program.TRAIN_TICKET, none)[2],
                new ModelWorkerCondolence(mwLevels[0], mwLevels[1], mwLevels[2],
                        paid.getOrDefault(Program.MODEL_WORKER_CONDOLENCE, none)[1]),
                peopleAndAmount(paid.getOrDefault(Program.MODEL_WORKER_LIVING_SUBSIDY, none)),
                peopleAndAmount(paid.getOrDefault(Program.MODEL_WORKER_SPECIAL_HARDSHIP, none)),
                paid.getOrDefault(Program.COMMUNITY_AID, none)[1]);
    }

    private static PeopleAndAmount peopleAndAmount(long[] row) {
        return new PeopleAndAmount(row[0], row[1]);
    }

    /** program -> {distinct beneficiaries, paid fen, quantity} */
    @SuppressWarnings("unchecked")
    private Map<String, long[]> paidByProgram(int year) {
        Query q = em.createNativeQuery("""
                SELECT a.program_code, count(DISTINCT a.beneficiary_key), coalesce(sum(a.amount_fen), 0),
                       coalesce(sum(a.quantity), 0)
                FROM application a WHERE a.status = 'PAID' AND a.year = :year AND """ + scope.sql("a.org_code")
                + " GROUP BY a.program_code");
        bind(q, year);
        Map<String, long[]> result = new HashMap<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            result.put((String) r[0], new long[] { ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue() });
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> enrolledByProgram(int year) {
        Query q = em.createNativeQuery("SELECT e.program_code, count(*) FROM enrolment e WHERE e.year = :year AND "
                + scope.sql("e.org_code") + " GROUP BY e.program_code");
        bind(q, year);
        Map<String, Long> result = new HashMap<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            result.put((String) r[0], ((Number) r[1]).longValue());
        }
        return result;
    }

    private Object single(String sql, int year, int columns) {
        Query q = em.createNativeQuery(sql);
        bind(q, year);
        Object[] row = (Object[]) q.getSingleResult();
        long[] values = new long[columns];
        for (int i = 0; i < columns; i++) {
            values[i] = row[i] == null ? 0 : ((Number) row[i]).longValue();
        }
        return values;
    }

    private void bind(Query q, int year) {
        scope.parameterMap().forEach(q::setParameter);
        q.setParameter("year", year);
    }
}
