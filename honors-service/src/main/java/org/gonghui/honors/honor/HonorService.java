package org.gonghui.honors.honor;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.honors.award.Award;
import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.honors.nomination.Nomination;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.outbox.Outbox;
import org.gonghui.platform.security.OrgScope;

/** Conferral and revocation: each writes the honor and its event to the outbox in one transaction. */
@ApplicationScoped
public class HonorService {

    private final Outbox outbox;
    private final CertificateNumbers certificates;
    private final AuditLog audit;
    private final HonorsClock clock;
    private final OrgScope scope;
    private final EntityManager em;
    private final RollCache roll;

    @Inject
    public HonorService(Outbox outbox, CertificateNumbers certificates, AuditLog audit, HonorsClock clock,
            OrgScope scope, EntityManager em, RollCache roll) {
        this.roll = roll;
        this.outbox = outbox;
        this.certificates = certificates;
        this.audit = audit;
        this.clock = clock;
        this.scope = scope;
        this.em = em;
    }

    /** An individual holds an award at most once per year. */
    public void requireNotHolding(String awardCode, int year, String personRef) {
        Honor held = Honor.<Honor> find("awardCode = ?1 and year = ?2 and personRef = ?3 and revokedAt is null",
                awardCode, year, personRef).firstResult();
        if (held != null) {
            throw ProblemException.conflict("already-honored",
                    "This person already holds " + awardCode + " for " + year).with("honorId", held.id);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Honor conferFromNomination(Nomination n, Award award, int year) {
        if (n.personRef != null) {
            requireNotHolding(award.code, year, n.personRef);
        }
        Honor h = new Honor();
        h.id = UUID.randomUUID();
        h.awardCode = award.code;
        h.year = year;
        h.recipientKind = n.nomineeKind;
        h.name = n.nomineeName;
        h.personRef = n.personRef;
        h.idNumberMasked = n.idNumberMasked;
        h.unitName = n.unitName;
        h.orgCode = n.orgCode;
        h.certificateNo = CertificateNumbers.format(year, certificates.reserve(year, 1));
        h.source = Honor.Source.NOMINATION;
        h.nominationId = n.id;
        h.conferredAt = clock.now();
        h.persist();
        roll.changed();
        outbox.append(h.id, conferredEvent(h, award));
        audit.record("honor.conferred", "Honor", h.id, h.orgCode, award.code + " " + year + " " + h.certificateNo);
        return h;
    }

    public static HonorConferred conferredEvent(Honor h, Award award) {
        return new HonorConferred(h.id, award.code, award.level.name(), award.modelWorker, h.year,
                h.recipientKind.name(), h.name, h.personRef, h.unitName, h.orgCode, h.certificateNo, h.conferredAt);
    }

    @Transactional
    public HonorView revoke(UUID id, String reason) {
        Honor h = id == null ? null : Honor.findById(id);
        if (h == null || !scope.covers(h.orgCode)) {
            throw ProblemException.notFound("Honor");
        }
        if (h.revokedAt != null) {
            throw ProblemException.illegalTransition("Honor", "REVOKED", "revoke");
        }
        Award award = Award.findById(h.awardCode);
        h.revokedAt = clock.now();
        h.revokeReason = reason.strip();
        em.flush();
        roll.changed();
        outbox.append(h.id, new HonorRevoked(h.id, award.code, award.level.name(), award.modelWorker, h.year,
                h.personRef, h.orgCode, h.revokeReason, h.revokedAt));
        audit.record("honor.revoked", "Honor", h.id, h.orgCode, "CONFERRED -> REVOKED: " + h.revokeReason);
        return h.view();
    }
}
