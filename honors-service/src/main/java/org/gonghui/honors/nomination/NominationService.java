package org.gonghui.honors.nomination;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.honors.award.Award;
import org.gonghui.honors.award.RecipientKind;
import org.gonghui.honors.campaign.Campaign;
import org.gonghui.honors.campaign.CampaignQuotas;
import org.gonghui.honors.campaign.Campaigns;
import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.honors.honor.Honor;
import org.gonghui.honors.honor.HonorService;
import org.gonghui.honors.nomination.NominationDtos.NewNomination;
import org.gonghui.honors.nomination.NominationDtos.NominationView;
import org.gonghui.honors.nomination.NominationDtos.NomineeInput;
import org.gonghui.honors.nomination.NominationDtos.NomineeView;
import org.gonghui.honors.nomination.NominationDtos.ScoreInput;
import org.gonghui.honors.nomination.NominationDtos.ScoreView;
import org.gonghui.honors.nomination.NominationDtos.ShortlistResult;
import org.gonghui.honors.volunteerhours.VolunteerHours;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

/** The nomination workflow: every rule of it lives here, in one method each. */
@ApplicationScoped
public class NominationService {

    /** Shortlisting considers only nominations scored by at least this many reviewers. */
    public static final int MIN_SCORES_FOR_SHORTLIST = 2;

    private final OrgScope scope;
    private final Campaigns campaigns;
    private final PersonRefs personRefs;
    private final VolunteerHours volunteerHours;
    private final HonorService honors;
    private final AuditLog audit;
    private final HonorsClock clock;
    private final EntityManager em;

    @Inject
    public NominationService(OrgScope scope, Campaigns campaigns, PersonRefs personRefs, VolunteerHours volunteerHours,
            HonorService honors, AuditLog audit, HonorsClock clock, EntityManager em) {
        this.scope = scope;
        this.campaigns = campaigns;
        this.personRefs = personRefs;
        this.volunteerHours = volunteerHours;
        this.honors = honors;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
    }

    // ---- access ----

    /**
     * Readable: nominations in the caller's subtree; reviewers also read submitted nominations of campaigns run at or
     * above their org (they score other counties' nominees). Anything else is 404.
     */
    public boolean readable(Nomination n, Campaign c) {
        if (scope.covers(n.orgCode)) {
            return true;
        }
        return scope.hasRole(Roles.REVIEWER) && n.status != NominationStatus.DRAFT
                && OrgCodes.covers(c.orgCode, scope.org());
    }

    public Nomination requireReadable(UUID id) {
        Nomination n = id == null ? null : Nomination.findById(id);
        if (n == null || !readable(n, Campaign.findById(n.campaignId))) {
            throw ProblemException.notFound("Nomination");
        }
        return n;
    }

    /** Changing a nomination needs it in the caller's own subtree. */
    public Nomination requireOwn(UUID id) {
        Nomination n = id == null ? null : Nomination.findById(id);
        if (n == null || !scope.covers(n.orgCode)) {
            throw ProblemException.notFound("Nomination");
        }
        return n;
    }

    /** Shortlisting and conferral belong to the admins of the org running the campaign. */
    private void requireCampaignOwner(Campaign c) {
        if (!scope.covers(c.orgCode)) {
            throw ProblemException.forbidden("campaign-owner-only",
                    "Only admins of " + c.orgCode + " may do this for its campaign");
        }
    }

    // ---- workflow ----

    @Transactional
    public NominationView create(NewNomination request) {
        Campaign campaign = campaigns.requireVisible(request.campaignId());
        Award award = Award.findById(campaign.awardCode);
        NomineeInput nominee = request.nominee();
        if (nominee.kind() != award.recipientKind) {
            throw ProblemException.unprocessable("nominee-kind-mismatch", "Award " + award.code + " is for "
                    + award.recipientKind + " recipients, not " + nominee.kind())
                    .with("expectedKind", award.recipientKind.name());
        }
        String org = scope.orgForCreate(nominee.orgCode());
        if (!OrgCodes.covers(campaign.orgCode, org)) {
            throw ProblemException.invalidField("nominee.orgCode",
                    "must lie within the campaign's org " + campaign.orgCode);
        }
        Nomination n = new Nomination();
        n.id = UUID.randomUUID();
        n.campaignId = campaign.id;
        n.status = NominationStatus.DRAFT;
        n.nomineeKind = nominee.kind();
        n.nomineeName = nominee.name().strip();
        n.unitName = nominee.unitName().strip();
        n.orgCode = org;
        if (nominee.kind() == RecipientKind.INDIVIDUAL) {
            PersonRefs.Person person = personRefs.identify("nominee.idNumber", nominee.idNumber());
            n.personRef = person.personRef();
            n.idNumberMasked = person.idNumberMasked();
            n.nomineeKey = person.personRef();
        } else {
            if (nominee.idNumber() != null && !nominee.idNumber().isBlank()) {
                throw ProblemException.invalidField("nominee.idNumber", "only individuals have an ID number");
            }
            n.nomineeKey = "org:" + org + ":" + n.nomineeName.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        }
        requireNoOtherLiveNomination(n);
        n.justification = request.justification().strip();
        n.createdBy = scope.username();
        n.createdAt = clock.now();
        n.persist();
        audit.record("nomination.created", "Nomination", n.id, n.orgCode, "-> DRAFT");
        return view(n, campaign);
    }

    /** One live nomination per person (or collective) per campaign. */
    private void requireNoOtherLiveNomination(Nomination n) {
        Nomination other = Nomination.<Nomination> find(
                "campaignId = ?1 and nomineeKey = ?2 and status in ?3 and id <> ?4", n.campaignId, n.nomineeKey,
                NominationStatus.LIVE, n.id).firstResult();
        if (other != null) {
            throw ProblemException.conflict("duplicate-nominee",
                    "This nominee already has a live nomination in this campaign").with("existingId", other.id);
        }
    }

    @Transactional
    public NominationView submit(UUID id) {
        Nomination n = requireOwn(id);
        n.requireStatus("submit", NominationStatus.DRAFT);
        // The campaign row lock serialises all submissions of a campaign, so the quota counts below are exact.
        Campaign campaign = campaigns.lock(n.campaignId);
        LocalDate today = clock.today();
        if (!campaign.acceptsNominationsOn(today)) {
            throw ProblemException.conflict("campaign-closed", "The campaign accepts nominations from "
                    + campaign.nominationOpens + " to " + campaign.nominationCloses
                    + (campaign.shortlistedAt != null ? " and has been shortlisted" : ""))
                    .with("nominationOpens", campaign.nominationOpens.toString())
                    .with("nominationCloses", campaign.nominationCloses.toString());
        }
        requireNoOtherLiveNomination(n);
        Award award = Award.findById(campaign.awardCode);
        if (n.personRef != null) {
            honors.requireNotHolding(award.code, campaign.year, n.personRef);
        }
        requireVolunteerHours(award, campaign.year, n);
        requireQuotaLeft(campaign, n);
        n.status = NominationStatus.SUBMITTED;
        n.submittedAt = clock.now();
        em.flush();
        audit.record("nomination.submitted", "Nomination", n.id, n.orgCode, "DRAFT -> SUBMITTED");
        return view(n, campaign);
    }

    /** Awards with a minimum of volunteer hours check the projection fed by hours-logged events. */
    public void requireVolunteerHours(Award award, int year, Nomination n) {
        if (award.minVolunteerHours == null) {
            return;
        }
        long minutes = n.personRef == null ? 0 : volunteerHours.minutes(n.personRef, year);
        long neededMinutes = award.minVolunteerHours * 60L;
        if (minutes < neededMinutes) {
            throw ProblemException.unprocessable("insufficient-volunteer-hours",
                    "Award " + award.code + " needs " + award.minVolunteerHours + " volunteer hours in " + year
                            + "; found " + (minutes / 60.0))
                    .with("hoursFound", minutes / 60.0).with("hoursNeeded", award.minVolunteerHours)
                    .with("year", year);
        }
    }

    /** Places left for the nominee's org ({@link CampaignQuotas}); call with the campaign row locked. */
    public void requireQuotaLeft(Campaign campaign, Nomination n) {
        List<String> placedOrgs = em.createQuery(
                "select orgCode from Nomination where campaignId = :c and status in :s", String.class)
                .setParameter("c", campaign.id).setParameter("s", NominationStatus.COUNTING_AGAINST_QUOTA)
                .getResultList();
        campaign.quotas().refusal(n.orgCode, placedOrgs).ifPresent(r -> {
            throw ProblemException.conflict("quota-exhausted", r.message()).with("quotaScope", r.scope())
                    .with("quota", r.quota());
        });
    }

    @Transactional
    public ScoreView score(UUID id, ScoreInput input) {
        Nomination n = requireReadable(id);
        n.requireStatus("score", NominationStatus.SUBMITTED);
        if (scope.covers(n.orgCode)) {
            throw ProblemException.conflict("conflict-of-interest",
                    "Reviewers of " + scope.org() + " cannot score a nominee of their own subtree (" + n.orgCode + ")");
        }
        String reviewer = scope.username();
        if (Score.count("nominationId = ?1 and reviewer = ?2", n.id, reviewer) > 0) {
            throw ProblemException.conflict("already-scored", "You have scored this nomination already");
        }
        Score s = new Score();
        s.nominationId = n.id;
        s.reviewer = reviewer;
        s.reviewerOrg = scope.org();
        s.score = input.score();
        s.comment = input.comment();
        s.scoredAt = clock.now();
        s.persist();
        em.flush();
        audit.record("nomination.scored", "Nomination", n.id, n.orgCode, "score " + s.score);
        double[] stats = scoreStats(List.of(n.id)).get(n.id);
        return new ScoreView(n.id, reviewer, s.score, s.comment, s.scoredAt, (int) stats[0], stats[1]);
    }

    @Transactional
    public ShortlistResult shortlist(UUID campaignId) {
        Campaign campaign = campaigns.requireVisible(campaignId);
        requireCampaignOwner(campaign);
        campaign = campaigns.lock(campaignId);
        if (campaign.shortlistedAt != null) {
            throw ProblemException.illegalTransition("Campaign", "SHORTLISTED", "shortlist again");
        }
        List<Nomination> submitted = Nomination.list("campaignId = ?1 and status = ?2", campaign.id,
                NominationStatus.SUBMITTED);
        Map<UUID, double[]> stats = scoreStats(submitted.stream().map(x -> x.id).toList());
        List<Nomination> ranked = new ArrayList<>(submitted.stream()
                .filter(x -> stats.getOrDefault(x.id, new double[2])[0] >= MIN_SCORES_FOR_SHORTLIST).toList());
        ranked.sort(Comparator.<Nomination> comparingDouble(x -> -stats.get(x.id)[1])
                .thenComparing(x -> x.submittedAt).thenComparing(x -> x.id));
        List<Nomination> selected = ranked.subList(0, Math.min(campaign.quota, ranked.size()));
        OffsetDateTime now = clock.now();
        LocalDate noticeEndsOn = clock.today().plusDays(campaign.noticeDays - 1L);
        List<NominationView> selectedViews = new ArrayList<>();
        List<NominationView> notSelectedViews = new ArrayList<>();
        for (Nomination n : submitted) {
            if (selected.contains(n)) {
                n.status = NominationStatus.PUBLIC_NOTICE;
                n.noticeEndsOn = noticeEndsOn;
                audit.record("nomination.shortlisted", "Nomination", n.id, n.orgCode,
                        "SUBMITTED -> PUBLIC_NOTICE until " + noticeEndsOn);
            } else {
                n.status = NominationStatus.NOT_SELECTED;
                n.decidedAt = now;
                audit.record("nomination.not-selected", "Nomination", n.id, n.orgCode, "SUBMITTED -> NOT_SELECTED");
            }
        }
        campaign.shortlistedAt = now;
        em.flush();
        for (Nomination n : selected) {
            selectedViews.add(view(n, campaign, stats.get(n.id)));
        }
        for (Nomination n : submitted) {
            if (n.status == NominationStatus.NOT_SELECTED) {
                notSelectedViews.add(view(n, campaign, stats.get(n.id)));
            }
        }
        audit.record("campaign.shortlisted", "Campaign", campaign.id, campaign.orgCode,
                selected.size() + " selected, " + notSelectedViews.size() + " not selected");
        return new ShortlistResult(campaign.id, noticeEndsOn, selectedViews, notSelectedViews);
    }

    @Transactional
    public NominationView confer(UUID id) {
        Nomination n = requireOwn(id);
        Campaign campaign = Campaign.findById(n.campaignId);
        requireCampaignOwner(campaign);
        n.requireStatus("confer", NominationStatus.PUBLIC_NOTICE);
        if (!clock.today().isAfter(n.noticeEndsOn)) {
            throw ProblemException.conflict("notice-period-running",
                    "The public notice runs until " + n.noticeEndsOn + "; conferral is possible afterwards")
                    .with("noticeEndsOn", n.noticeEndsOn.toString());
        }
        long open = org.gonghui.honors.notice.Objection.countOpen(n.id);
        if (open > 0) {
            throw ProblemException.conflict("objection-open",
                    open + " objection(s) to this nomination are still open").with("openObjections", open);
        }
        Award award = Award.findById(campaign.awardCode);
        Honor honor = honors.conferFromNomination(n, award, campaign.year);
        n.status = NominationStatus.CONFERRED;
        n.honorId = honor.id;
        n.decidedAt = clock.now();
        em.flush();
        audit.record("nomination.conferred", "Nomination", n.id, n.orgCode,
                "PUBLIC_NOTICE -> CONFERRED, certificate " + honor.certificateNo);
        return view(n, campaign);
    }

    @Transactional
    public NominationView reject(UUID id, String reason) {
        Nomination n = scope.hasRole(Roles.ADMIN) ? requireOwn(id) : requireReadable(id);
        NominationStatus from = n.status;
        n.requireStatus("reject", NominationStatus.SUBMITTED, NominationStatus.PUBLIC_NOTICE);
        n.status = NominationStatus.REJECTED;
        n.decisionReason = reason.strip();
        n.decidedAt = clock.now();
        em.flush();
        audit.record("nomination.rejected", "Nomination", n.id, n.orgCode, from + " -> REJECTED: " + n.decisionReason);
        return view(n, Campaign.findById(n.campaignId));
    }

    @Transactional
    public NominationView withdraw(UUID id, String reason) {
        Nomination n = requireOwn(id);
        NominationStatus from = n.status;
        n.requireStatus("withdraw", NominationStatus.DRAFT, NominationStatus.SUBMITTED);
        n.status = NominationStatus.WITHDRAWN;
        n.decisionReason = reason.strip();
        n.decidedAt = clock.now();
        em.flush();
        audit.record("nomination.withdrawn", "Nomination", n.id, n.orgCode, from + " -> WITHDRAWN: " + n.decisionReason);
        return view(n, Campaign.findById(n.campaignId));
    }

    /** Upheld objection: the nomination leaves the notice as WITHDRAWN. Called by the notice feature. */
    public void withdrawOnUpheldObjection(Nomination n, String note) {
        n.requireStatus("withdraw", NominationStatus.PUBLIC_NOTICE);
        n.status = NominationStatus.WITHDRAWN;
        n.decisionReason = "objection upheld: " + note;
        n.decidedAt = clock.now();
        em.flush();
        audit.record("nomination.withdrawn", "Nomination", n.id, n.orgCode,
                "PUBLIC_NOTICE -> WITHDRAWN: objection upheld: " + note);
    }

    // ---- views ----

    /** nominationId -> {count, mean} of its scores. */
    public Map<UUID, double[]> scoreStats(List<UUID> ids) {
        Map<UUID, double[]> stats = new HashMap<>();
        if (ids.isEmpty()) {
            return stats;
        }
        List<Object[]> rows = em.createQuery("select nominationId, count(*), avg(score) from Score "
                + "where nominationId in :ids group by nominationId", Object[].class).setParameter("ids", ids)
                .getResultList();
        for (Object[] row : rows) {
            stats.put((UUID) row[0], new double[] { ((Number) row[1]).doubleValue(), ((Number) row[2]).doubleValue() });
        }
        return stats;
    }

    public NominationView view(Nomination n, Campaign c) {
        return view(n, c, scoreStats(List.of(n.id)).get(n.id));
    }

    public NominationView view(Nomination n, Campaign c, double[] stats) {
        return new NominationView(n.id, n.campaignId, c.awardCode, c.year, n.status,
                new NomineeView(n.nomineeKind, n.nomineeName, n.idNumberMasked, n.unitName, n.orgCode),
                n.justification, n.createdAt, n.createdBy, n.submittedAt, n.noticeEndsOn, n.decidedAt,
                n.decisionReason, n.honorId, stats == null ? 0 : (int) stats[0],
                stats == null ? null : Math.round(stats[1] * 100) / 100.0, n.version);
    }
}
