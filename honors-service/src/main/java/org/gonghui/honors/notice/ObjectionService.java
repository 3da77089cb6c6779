package org.gonghui.honors.notice;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.honors.nomination.Nomination;
import org.gonghui.honors.nomination.NominationService;
import org.gonghui.honors.nomination.NominationStatus;
import org.gonghui.honors.notice.ObjectionDtos.LodgedObjection;
import org.gonghui.honors.notice.ObjectionDtos.NewObjection;
import org.gonghui.honors.notice.ObjectionDtos.ObjectionView;
import org.gonghui.honors.notice.ObjectionDtos.Resolution;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;

import io.quarkus.panache.common.Sort;

/** Public notice (公示): objections lodged without a token, resolved by an admin. */
@ApplicationScoped
public class ObjectionService {

    private final ObjectionThrottle throttle;
    private final NominationService nominations;
    private final OrgScope scope;
    private final AuditLog audit;
    private final HonorsClock clock;
    private final EntityManager em;

    @Inject
    public ObjectionService(ObjectionThrottle throttle, NominationService nominations, OrgScope scope, AuditLog audit,
            HonorsClock clock, EntityManager em) {
        this.throttle = throttle;
        this.nominations = nominations;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
    }

    @Transactional
    public LodgedObjection lodge(UUID nominationId, NewObjection request, String clientAddress) {
        String ipHash = throttle.hash(clientAddress);
        throttle.acquire(ipHash);
        Nomination n = nominationId == null ? null : Nomination.findById(nominationId);
        if (n == null || n.status == NominationStatus.DRAFT) {
            throw ProblemException.notFound("Nomination");
        }
        if (n.status != NominationStatus.PUBLIC_NOTICE || clock.today().isAfter(n.noticeEndsOn)) {
            throw ProblemException.conflict("not-in-public-notice",
                    "Objections are accepted only while the nomination is in public notice");
        }
        Objection o = new Objection();
        o.id = UUID.randomUUID();
        o.nominationId = n.id;
        o.reason = request.reason().strip();
        o.contact = request.contact() == null || request.contact().isBlank() ? null : request.contact().strip();
        o.ipHash = ipHash;
        o.status = Objection.Status.OPEN;
        o.lodgedAt = clock.now();
        o.persist();
        audit.record("objection.lodged", "Objection", o.id, n.orgCode, "on nomination " + n.id);
        return new LodgedObjection(o.id, n.id, o.status, o.lodgedAt);
    }

    @Transactional
    public ObjectionView resolve(UUID objectionId, Resolution resolution) {
        Objection o = objectionId == null ? null : Objection.findById(objectionId);
        if (o == null) {
            throw ProblemException.notFound("Objection");
        }
        Nomination n = nominations.requireOwn(o.nominationId);
        if (o.status != Objection.Status.OPEN) {
            throw ProblemException.illegalTransition("Objection", o.status, "resolve");
        }
        o.status = resolution.upheld() ? Objection.Status.UPHELD : Objection.Status.DISMISSED;
        o.note = resolution.note().strip();
        o.resolvedAt = clock.now();
        o.resolvedBy = scope.username();
        em.flush();
        audit.record("objection." + o.status.name().toLowerCase(), "Objection", o.id, n.orgCode,
                "OPEN -> " + o.status + ": " + o.note);
        if (resolution.upheld()) {
            nominations.withdrawOnUpheldObjection(n, o.note);
        }
        return ObjectionView.of(o);
    }

    @Transactional
    public List<ObjectionView> ofNomination(UUID nominationId) {
        Nomination n = nominations.requireOwn(nominationId);
        return Objection.<Objection> list("nominationId", Sort.by("lodgedAt"), n.id).stream().map(ObjectionView::of)
                .toList();
    }
}
