package org.gonghui.welfare.application;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.gonghui.contracts.welfare.AidPaid;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.outbox.Outbox;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.welfare.activity.VolunteerActivities;
import org.gonghui.welfare.application.ApplicationDtos.ApplicationView;
import org.gonghui.welfare.application.ApplicationDtos.ApprovalView;
import org.gonghui.welfare.application.ApplicationDtos.SubmitApplicationRequest;
import org.gonghui.welfare.application.Eligibility.Stage;
import org.gonghui.welfare.fund.Fund;
import org.gonghui.welfare.fund.FundService;
import org.gonghui.welfare.fund.Ledger;
import org.gonghui.welfare.hardship.CaseClosed;
import org.gonghui.welfare.hardship.HardshipCase;
import org.gonghui.welfare.modelworker.ModelWorker;
import org.gonghui.welfare.modelworker.ModelWorkerRegistry.ModelWorkerRevoked;
import org.gonghui.welfare.program.Program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;

/** Applications for grants: submission, four-eyes approval, rejection, cancellation and idempotent payout. */
@ApplicationScoped
public class ApplicationService {

    private static final String ENTITY = "Application";
    private static final String CHILD_ID = ApplicationDetails.CHILD_ID;

    private final EntityManager em;
    private final OrgScope scope;
    private final Eligibility eligibility;
    private final FundService funds;
    private final Ledger ledger;
    private final Outbox outbox;
    private final AuditLog audit;
    private final IdempotencyKeys idempotency;
    private final PersonRefs personRefs;
    private final VolunteerActivities activities;
    private final ObjectMapper json;

    @Inject
    public ApplicationService(EntityManager em, OrgScope scope, Eligibility eligibility, FundService funds,
            Ledger ledger, Outbox outbox, AuditLog audit, IdempotencyKeys idempotency, PersonRefs personRefs,
            VolunteerActivities activities, ObjectMapper json) {
        this.em = em;
        this.scope = scope;
        this.eligibility = eligibility;
        this.funds = funds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.audit = audit;
        this.idempotency = idempotency;
        this.personRefs = personRefs;
        this.activities = activities;
        this.json = json;
    }

    @Transactional
    public Response submit(String idempotencyKey, SubmitApplicationRequest request) {
        return idempotency.execute("welfare.apply:" + scope.subject(), idempotencyKey, request, () -> {
            Submitted submitted = submit(request);
            ApplicationView view = view(submitted.app(), submitted.details());
            return Response.status(201).entity(view).header("Location", "/api/v1/welfare/applications/" + view.id())
                    .build();
        });
    }

    /** One item of a batch submission: the checks of a single submission, in the batch's transaction. */
    @Transactional
    public ApplicationView submitOne(SubmitApplicationRequest request) {
        Submitted submitted = submit(request);
        return view(submitted.app(), submitted.details());
    }

    /** A new application and the details it stored, so its view needs no second JSON parse. */
    private record Submitted(Application app, Map<String, Object> details) {
    }

    private Submitted submit(SubmitApplicationRequest request) {
        Program program = eligibility.grantProgram(request.programCode());
        Fund fund = funds.visible(request.fundId());
        funds.requireTakesGrants(fund);
        Application app = new Application();
        app.id = UUID.randomUUID();
        app.programCode = program.code;
        app.fundId = fund.id;
        app.year = fund.year;
        app.amountFen = request.amountFen();
        app.quantity = ApplicationDetails.quantity(program.code, request.quantity());
        Map<String, Object> details = ApplicationDetails.validate(program.code, request.details());
        if (program.requiresModelWorker) {
            if (request.caseId() != null) {
                throw ProblemException.invalidField("caseId", "is not used for " + program.code + "; give modelWorkerId");
            }
            if (request.modelWorkerId() == null) {
                throw ProblemException.invalidField("modelWorkerId", "is required for " + program.code);
            }
            ModelWorker mw = eligibility.modelWorker(request.modelWorkerId());
            app.modelWorkerId = mw.id;
            app.modelWorkerLevel = mw.level;
            app.personRef = mw.personRef;
            app.beneficiaryKey = "person:" + mw.personRef;
            app.beneficiaryName = mw.name;
            app.beneficiaryKind = "MODEL_WORKER";
            app.orgCode = mw.orgCode;
        } else {
            if (request.modelWorkerId() != null) {
                throw ProblemException.invalidField("modelWorkerId", "is only used for model-worker programs");
            }
            if (request.caseId() == null) {
                throw ProblemException.invalidField("caseId", "is required for " + program.code);
            }
            HardshipCase c = eligibility.visibleCase(request.caseId());
            app.caseId = c.id;
            app.personRef = c.personRef;
            app.beneficiaryKey = c.personRef != null ? "person:" + c.personRef : "enterprise:" + c.creditCode;
            app.beneficiaryName = c.name;
            app.beneficiaryKind = c.kind.name();
            app.orgCode = c.orgCode;
            // student aid is capped per child: a named child becomes the beneficiary; only its masked number is kept
            if (details.get(CHILD_ID) instanceof String childId) {
                PersonRefs.Person child = personRefs.identify("details." + CHILD_ID, childId);
                details.remove(CHILD_ID);
                details.put(ApplicationDetails.CHILD_ID_MASKED, child.idNumberMasked());
                app.personRef = child.personRef();
                app.beneficiaryKey = "person:" + child.personRef();
            }
        }
        if (!OrgCodes.covers(fund.orgCode, app.orgCode)) {
            throw ProblemException.unprocessable("fund-out-of-scope", "Fund " + fund.code + " of " + fund.orgCode
                    + " cannot pay a beneficiary of " + app.orgCode);
        }
        if (request.activityId() != null) {
            String activityOrg = activities.orgOf(request.activityId());
            // an activity of another county answers exactly as an unknown one (as if absent); one of the city above
            // the beneficiary's union, or of a unit below it, is on the same branch of the tree
            if (activityOrg == null
                    || !OrgCodes.covers(activityOrg, app.orgCode) && !OrgCodes.covers(app.orgCode, activityOrg)) {
                throw ProblemException.unprocessable("unknown-activity",
                        "No completed volunteer activity " + request.activityId() + " is known to welfare");
            }
            app.activityId = request.activityId();
        }
        app.details = toJson(details);
        app.status = ApplicationStatus.SUBMITTED;
        app.createdBy = scope.username();
        app.creatorSub = scope.subject();
        app.createdAt = OffsetDateTime.now();
        eligibility.lockBeneficiary(app);
        eligibility.requireEligible(program, app, Stage.SUBMISSION);
        app.persist();
        audit.record("SUBMIT", ENTITY, app.id, app.orgCode, program.code + " " + app.amountFen + " fen");
        return new Submitted(app, details);
    }

    /**
     * Four-eyes approval. The creator may not approve; above the program's threshold a first approval waits for a
     * second, different reviewer. Eligibility and caps are checked again; the final approval commits the amount.
     */
    @Transactional
    public ApplicationView approve(UUID id) {
        Application app = locked(id);
        if (app.status != ApplicationStatus.SUBMITTED) {
            throw ProblemException.illegalTransition(ENTITY, app.status, "approve");
        }
        String me = scope.subject();
        if (me.equals(app.creatorSub)) {
            throw ProblemException.conflict("four-eyes", "The creator of an application cannot approve it");
        }
        if (me.equals(app.firstApproverSub)) {
            throw ProblemException.conflict("four-eyes", "A second approval must come from a different reviewer");
        }
        Program program = Program.findById(app.programCode);
        funds.requireTakesGrants(Fund.findById(app.fundId));
        eligibility.lockBeneficiary(app);
        eligibility.requireEligible(program, app, Stage.APPROVAL);
        OffsetDateTime now = OffsetDateTime.now();
        if (program.needsTwoApprovals(app.amountFen) && app.firstApproverSub == null) {
            app.firstApprover = scope.username();
            app.firstApproverSub = me;
            app.firstApprovedAt = now;
            audit.record("APPROVE_FIRST", ENTITY, app.id, app.orgCode, "awaiting a second reviewer");
            return view(app);
        }
        app.approver = scope.username();
        app.approverSub = me;
        app.approvedAt = now;
        app.status = ApplicationStatus.APPROVED;
        audit.record("APPROVE", ENTITY, app.id, app.orgCode, app.amountFen + " fen committed");
        em.flush();
        // last statement before commit: the fund row lock, which serialises all approvals on this fund, is held
        // only for the fund update, its ledger entry and the commit itself
        ledger.commit(app.fundId, app.amountFen, app.id, scope.username());
        return view(app);
    }

    @Transactional
    public ApplicationView reject(UUID id, String reason) {
        Application app = locked(id);
        if (app.status != ApplicationStatus.SUBMITTED) {
            throw ProblemException.illegalTransition(ENTITY, app.status, "reject");
        }
        app.status = ApplicationStatus.REJECTED;
        app.rejectedBy = scope.username();
        app.rejectedAt = OffsetDateTime.now();
        app.reason = reason;
        audit.record("REJECT", ENTITY, app.id, app.orgCode, reason);
        return view(app);
    }

    /** Withdraws a submitted or approved application; an approved one gives its commitment back to the fund. */
    @Transactional
    public ApplicationView cancel(UUID id, String reason) {
        Application app = locked(id);
        if (app.status != ApplicationStatus.SUBMITTED && app.status != ApplicationStatus.APPROVED) {
            throw ProblemException.illegalTransition(ENTITY, app.status, "cancel");
        }
        if (app.status == ApplicationStatus.APPROVED) {
            ledger.release(app.fundId, app.amountFen, app.id, scope.username(), "cancelled: " + reason);
        }
        app.status = ApplicationStatus.CANCELLED;
        app.cancelledBy = scope.username();
        app.cancelledAt = OffsetDateTime.now();
        app.reason = reason;
        audit.record("CANCEL", ENTITY, app.id, app.orgCode, reason);
        return view(app);
    }

    /**
     * Pays an approved application once: committed -> paid, a PAYOUT ledger entry and an aid-paid event in one
     * transaction. The same key replays the first response; another key for a paid application is 409.
     */
    @Transactional
    public Response pay(UUID id, String idempotencyKey) {
        if (idempotencyKey == null) {
            throw ProblemException.badRequest("idempotency-key-required",
                    "A payout needs an Idempotency-Key header so that a retry cannot pay twice");
        }
        return idempotency.execute("welfare.pay:" + id, idempotencyKey, "pay:" + id,
                () -> Response.ok(payNow(id)).build());
    }

    /** Pays an approved application (no idempotency of its own: the callers hold a key for the request). */
    @Transactional
    public ApplicationView payNow(UUID id) {
        Application app = locked(id);
        if (app.status == ApplicationStatus.PAID) {
            throw ProblemException.conflict("already-paid", "The application was paid at " + app.paidAt)
                    .with("currentState", app.status.name());
        }
        if (app.status != ApplicationStatus.APPROVED) {
            throw ProblemException.illegalTransition(ENTITY, app.status, "pay");
        }
        String beneficiary = "beneficiary:" + app.beneficiaryKey;
        ledger.payout(app.fundId, app.amountFen, app.id, beneficiary, scope.username());
        app.status = ApplicationStatus.PAID;
        app.paidBy = scope.username();
        app.paidAt = OffsetDateTime.now();
        outbox.append(app.id, new AidPaid(app.id, app.programCode, app.fundId, app.orgCode, app.amountFen,
                app.personRef, app.activityId, app.year, app.paidAt));
        audit.record("PAY", ENTITY, app.id, app.orgCode, app.amountFen + " fen to " + beneficiary);
        return view(app);
    }

    @Transactional
    public ApplicationView get(UUID id) {
        return view(visible(id));
    }

    @Transactional
    public Page<ApplicationView> list(ApplicationStatus status, String programCode, Integer year, int page, int size) {
        String query = scope.jpql("orgCode");
        var params = scope.parameters();
        if (status != null) {
            query += " and status = :status";
            params = params.and("status", status);
        }
        if (programCode != null) {
            query += " and programCode = :program";
            params = params.and("program", programCode);
        }
        if (year != null) {
            query += " and year = :year";
            params = params.and("year", year);
        }
        var found = Application.<Application>find(query, Sort.descending("createdAt").and("id"), params);
        return Page.of(found, page, size, this::view);
    }

    /**
     * A revoked model-worker title blocks that person's pending applications based on it; an approved one gives its
     * commitment back. Runs in the transaction that consumes the honor-revoked event.
     */
    void onModelWorkerRevoked(@Observes ModelWorkerRevoked revoked) {
        List<Application> pending = Application.<Application>find("""
                modelWorkerId in (select m.id from ModelWorker m where m.honorId = ?1) and status in ?2""",
                revoked.honorId(), List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED)).list();
        for (Application app : pending) {
            block(app, "model-worker title revoked", "system");
        }
    }

    /**
     * A closed hardship case (out of hardship) is paid nothing more: its approved, unpaid applications are blocked and
     * give their commitment back to the fund, in the closing transaction. Submitted ones stay as they are: approval
     * refuses them (422 {@code case-closed}) and the clerk cancels them.
     */
    void onCaseClosed(@Observes CaseClosed closed) {
        // submitted ones are locked too: an approval running now either commits first (and is blocked here) or waits
        // and then finds the case closed
        List<Application> pending = Application.<Application>find("caseId = ?1 and status in ?2", closed.caseId(),
                List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED)).list();
        String why = "hardship case closed" + (closed.reason() == null ? "" : ": " + closed.reason());
        for (Application app : pending) {
            em.lock(app, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(app);
            if (app.status == ApplicationStatus.APPROVED) {
                block(app, why, scope.username());
            }
        }
    }

    /** Blocks a submitted or approved application (under its row lock); an approved one releases its commitment. */
    private void block(Application app, String why, String actor) {
        em.lock(app, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(app);
        if (app.status != ApplicationStatus.APPROVED && app.status != ApplicationStatus.SUBMITTED) {
            return; // paid, cancelled or rejected meanwhile
        }
        if (app.status == ApplicationStatus.APPROVED) {
            ledger.release(app.fundId, app.amountFen, app.id, actor, why);
        }
        app.status = ApplicationStatus.BLOCKED;
        app.blockedAt = OffsetDateTime.now();
        app.reason = why;
        audit.record("BLOCK", ENTITY, app.id, app.orgCode, why);
    }

    private Application visible(UUID id) {
        Application app = Application.findById(id);
        scope.requireVisible(app == null ? null : app.orgCode, ENTITY);
        return app;
    }

    /** Visible and row-locked: concurrent transitions of one application run one after the other. */
    private Application locked(UUID id) {
        Application app = em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireVisible(app == null ? null : app.orgCode, ENTITY);
        return app;
    }

    ApplicationView view(Application a) {
        return view(a, fromJson(a.details));
    }

    private ApplicationView view(Application a, Map<String, Object> details) {
        List<ApprovalView> approvals = new ArrayList<>();
        if (a.firstApprover != null) {
            approvals.add(new ApprovalView(a.firstApprover, a.firstApprovedAt));
        }
        if (a.approver != null) {
            approvals.add(new ApprovalView(a.approver, a.approvedAt));
        }
        Program program = Program.findById(a.programCode);
        int required = program.needsTwoApprovals(a.amountFen) ? 2 : 1;
        return new ApplicationView(a.id, a.programCode, a.fundId, a.caseId, a.modelWorkerId, a.modelWorkerLevel,
                a.beneficiaryName, a.beneficiaryKind, a.amountFen, a.quantity, a.activityId,
                ApplicationDetails.masked(details),
                a.orgCode, a.year, a.status, a.createdBy, a.createdAt, required, approvals, a.approvedAt, a.rejectedBy,
                a.rejectedAt, a.reason, a.cancelledBy, a.cancelledAt, a.blockedAt, a.paidBy, a.paidAt);
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("details", "cannot be stored as JSON");
        }
    }

    private Map<String, Object> fromJson(String details) {
        try {
            return details == null ? Map.of() : json.readValue(details, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
