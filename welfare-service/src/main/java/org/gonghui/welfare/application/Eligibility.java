package org.gonghui.welfare.application;

import static org.gonghui.platform.transaction.TransactionJdbc.integer;
import static org.gonghui.platform.transaction.TransactionJdbc.text;
import static org.gonghui.platform.transaction.TransactionJdbc.timestamptz;
import static org.gonghui.platform.transaction.TransactionJdbc.uuid;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.transaction.TransactionJdbc;
import org.gonghui.welfare.fund.FundYears;
import org.gonghui.welfare.hardship.CaseStatus;
import org.gonghui.welfare.hardship.HardshipCase;
import org.gonghui.welfare.hardship.HardshipCaseService;
import org.gonghui.welfare.modelworker.ModelWorker;
import org.gonghui.welfare.program.Program;
import org.gonghui.welfare.program.ProgramKind;

/**
 * The one place for "may this beneficiary get this grant": program rules (case kinds, model-worker registry and
 * level, case state) and the yearly caps per beneficiary. Called at submission and again at every approval.
 */
@ApplicationScoped
public class Eligibility {

    /** Applications that use up a cap at submission time: everything still alive. */
    static final Set<ApplicationStatus> LIVE = EnumSet.of(ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED,
            ApplicationStatus.PAID);
    /** At approval only money already granted counts, so an earlier submission cannot block a later approval. */
    static final Set<ApplicationStatus> GRANTED = EnumSet.of(ApplicationStatus.APPROVED, ApplicationStatus.PAID);
    // the two sets as PostgreSQL text[] literals, built once rather than on every cap check
    private static final String LIVE_ARRAY = textArray(LIVE);
    private static final String GRANTED_ARRAY = textArray(GRANTED);

    public enum Stage {
        SUBMISSION, APPROVAL
    }

    private final EntityManager em;
    private final OrgScope scope;
    private final HardshipCaseService cases;
    private final TransactionJdbc jdbc;

    @Inject
    public Eligibility(EntityManager em, OrgScope scope, HardshipCaseService cases, TransactionJdbc jdbc) {
        this.em = em;
        this.scope = scope;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    public Program grantProgram(String code) {
        Program program = Program.findById(code);
        if (program == null) {
            throw ProblemException.invalidField("programCode", "unknown program " + code);
        }
        if (program.kind != ProgramKind.GRANT) {
            throw ProblemException.unprocessable("not-a-grant-program",
                    program.code + " is an enrolment program; enrol people with POST /api/v1/welfare/enrolments/import");
        }
        return program;
    }

    /** The model-worker entry the application is for, if visible; 404 otherwise. */
    public ModelWorker modelWorker(UUID id) {
        ModelWorker mw = ModelWorker.findById(id);
        scope.requireVisible(mw == null ? null : mw.orgCode, "Model worker");
        return mw;
    }

    /** Throws a 422 problem when the application's beneficiary does not qualify for the program now. */
    public void requireEligible(Program program, Application app, Stage stage) {
        if (program.requiresModelWorker) {
            if (app.modelWorkerId == null) {
                throw ProblemException.invalidField("modelWorkerId", "is required for " + program.code);
            }
            ModelWorker mw = ModelWorker.findById(app.modelWorkerId);
            if (mw == null || !mw.active()) {
                throw ProblemException.unprocessable("model-worker-revoked",
                        "The model-worker title of this person is not (or no longer) in the registry");
            }
            if (!program.modelWorkerLevelList().contains(mw.level)) {
                throw ProblemException.unprocessable("ineligible", program.code + " is for model workers of level "
                        + program.modelWorkerLevels + "; this title is " + mw.level)
                        .with("requiredLevels", program.modelWorkerLevelList());
            }
        } else {
            if (app.caseId == null) {
                throw ProblemException.invalidField("caseId", "is required for " + program.code);
            }
            HardshipCase c = HardshipCase.findById(app.caseId);
            if (c == null) {
                throw ProblemException.notFound("Hardship case");
            }
            if (!program.caseKindList().contains(c.kind.name())) {
                throw ProblemException.unprocessable("ineligible",
                        program.code + " is not for " + c.kind + " cases (only " + program.caseKinds + ")");
            }
            if (c.status == CaseStatus.CLOSED) {
                throw ProblemException.unprocessable("case-closed", "The hardship case is closed (out of hardship)");
            }
            if (stage == Stage.APPROVAL && c.status != CaseStatus.VERIFIED) {
                throw ProblemException.unprocessable("case-not-verified",
                        "The hardship case must be verified before aid is approved");
            }
        }
        requireWithinCaps(program, app, stage == Stage.SUBMISSION ? LIVE : GRANTED);
    }

    /**
     * Yearly caps per beneficiary (amount and count) over the applications in {@code counted}, this one excluded and
     * then added, twice: in the grant's year (its fund's year) and in the calendar year (Asia/Shanghai) in which it
     * was submitted, whatever the funds' years, so that grants from a past or future year's fund cannot double the
     * cap within one calendar year. The caller holds {@link #lockBeneficiary} so two requests cannot both squeeze
     * under a cap.
     */
    void requireWithinCaps(Program program, Application app, Set<ApplicationStatus> counted) {
        if (program.maxPerYearFen == null && program.maxTimesPerYear == null) {
            return;
        }
        String statuses = counted == LIVE ? LIVE_ARRAY : counted == GRANTED ? GRANTED_ARRAY : textArray(counted);
        int calendarYear = FundYears.calendarYear(app.createdAt);
        OffsetDateTime from = FundYears.startOf(calendarYear);
        OffsetDateTime to = FundYears.startOf(calendarYear + 1);
        // applications this transaction added but has not written yet (a batch submission) must count too
        em.flush();
        long[] used = jdbc.queryRow("""
                SELECT count(*) FILTER (WHERE year = ?), coalesce(sum(amount_fen) FILTER (WHERE year = ?), 0),
                       count(*) FILTER (WHERE created_at >= ? AND created_at < ?),
                       coalesce(sum(amount_fen) FILTER (WHERE created_at >= ? AND created_at < ?), 0)
                FROM application
                WHERE beneficiary_key = ? AND program_code = ? AND id <> ? AND status = ANY (CAST(? AS text[]))
                  AND (year = ? OR created_at >= ? AND created_at < ?)""",
                row -> new long[] { row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4) },
                integer(app.year), integer(app.year), timestamptz(from), timestamptz(to), timestamptz(from),
                timestamptz(to), text(app.beneficiaryKey), text(program.code), uuid(app.id), text(statuses),
                integer(app.year), timestamptz(from), timestamptz(to)).orElseThrow();
        requireUnder(program, app, used[0], used[1], app.year + "");
        requireUnder(program, app, used[2], used[3], "grants submitted in calendar year " + calendarYear);
    }

    private static void requireUnder(Program program, Application app, long times, long fen, String year) {
        if (program.maxTimesPerYear != null && times + 1 > program.maxTimesPerYear) {
            throw ProblemException.unprocessable("yearly-cap-exceeded", "The beneficiary already has " + times + " "
                    + program.code + " grant(s) in " + year + " (at most " + program.maxTimesPerYear + ")")
                    .with("maxTimesPerYear", program.maxTimesPerYear).with("usedTimes", times);
        }
        if (program.maxPerYearFen != null && fen + app.amountFen > program.maxPerYearFen) {
            throw ProblemException.unprocessable("yearly-cap-exceeded", "The beneficiary would get " + (fen + app.amountFen)
                    + " fen of " + program.code + " in " + year + " (at most " + program.maxPerYearFen + ")")
                    .with("maxPerYearFen", program.maxPerYearFen).with("usedFen", fen);
        }
    }

    private static String textArray(Set<ApplicationStatus> statuses) {
        return "{" + String.join(",", statuses.stream().map(Enum::name).toList()) + "}";
    }

    /**
     * Serialises cap checks of one beneficiary and program until the transaction ends; not per year, since a check
     * counts two years (the fund's and the calendar year of submission).
     */
    void lockBeneficiary(Application app) {
        String lockKey = app.beneficiaryKey + "|" + app.programCode;
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))", text(lockKey));
    }

    List<String> levels(Program program) {
        return program.modelWorkerLevelList();
    }

    HardshipCase visibleCase(UUID id) {
        return cases.visible(id);
    }
}
