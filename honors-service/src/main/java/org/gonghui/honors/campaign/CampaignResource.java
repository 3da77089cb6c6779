package org.gonghui.honors.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.honors.award.Awards;
import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.honors.nomination.NominationDtos.ShortlistResult;
import org.gonghui.honors.nomination.NominationService;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@Path("/api/v1/honors/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final OrgScope scope;
    private final Awards awards;
    private final Campaigns campaigns;
    private final AuditLog audit;
    private final HonorsClock clock;
    private final NominationService nominations;

    @Inject
    public CampaignResource(OrgScope scope, Awards awards, Campaigns campaigns, AuditLog audit, HonorsClock clock,
            NominationService nominations) {
        this.nominations = nominations;
        this.scope = scope;
        this.awards = awards;
        this.campaigns = campaigns;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Open a campaign for an award and year with its total and per-org quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewCampaign request) {
        awards.require(request.awardCode(), "awardCode");
        String org = scope.orgForCreate(request.orgCode());
        if (request.nominationCloses().isBefore(request.nominationOpens())) {
            throw ProblemException.invalidField("nominationCloses", "must not be before nominationOpens");
        }
        Map<String, Integer> orgQuotas = new LinkedHashMap<>();
        long sum = 0;
        if (request.orgQuotas() != null) {
            for (Map.Entry<String, Integer> e : request.orgQuotas().entrySet()) {
                if (!OrgCodes.isValid(e.getKey()) || !OrgCodes.covers(org, e.getKey())) {
                    throw ProblemException.invalidField("orgQuotas[" + e.getKey() + "]",
                            "must be an org code within the campaign's org " + org);
                }
                orgQuotas.put(e.getKey(), e.getValue());
                sum += e.getValue();
            }
        }
        if (sum > request.quota()) {
            throw ProblemException.invalidField("orgQuotas",
                    "the org quotas add up to " + sum + ", more than the total quota " + request.quota());
        }
        if (Campaign.count("awardCode = ?1 and year = ?2 and orgCode = ?3", request.awardCode(), request.year(),
                org) > 0) {
            throw ProblemException.conflict("duplicate-campaign",
                    "A campaign for " + request.awardCode() + " " + request.year() + " exists already in " + org);
        }
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID();
        campaign.awardCode = request.awardCode();
        campaign.year = request.year();
        campaign.orgCode = org;
        campaign.quota = request.quota();
        campaign.orgQuotas = orgQuotas;
        campaign.nominationOpens = request.nominationOpens();
        campaign.nominationCloses = request.nominationCloses();
        campaign.noticeDays = request.noticeDays() == null ? NewCampaign.DEFAULT_NOTICE_DAYS : request.noticeDays();
        campaign.createdBy = scope.username();
        campaign.createdAt = clock.now();
        campaign.persist();
        audit.record("campaign.created", "Campaign", campaign.id, org,
                campaign.awardCode + " " + campaign.year + " quota " + campaign.quota + " " + orgQuotas);
        return Response.status(201).entity(campaign.view()).header("Location", "/api/v1/honors/campaigns/" + campaign.id)
                .build();
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Campaigns the caller's org takes part in (run by it, above it or below it)")
    public Page<CampaignView> list(@QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @QueryParam("award") String award,
            @BeanParam @Valid PageParams page) {
        List<String> ancestors = new ArrayList<>();
        for (String org = scope.org(); org != null; org = OrgCodes.parentOf(org)) {
            ancestors.add(org);
        }
        StringBuilder where = new StringBuilder("(" + scope.jpql("orgCode") + " or orgCode in :ancestors)");
        Parameters params = scope.parameters().and("ancestors", ancestors);
        if (year != null) {
            where.append(" and year = :year");
            params.and("year", year);
        }
        if (award != null) {
            where.append(" and awardCode = :award");
            params.and("award", award);
        }
        PanacheQuery<Campaign> query = Campaign.find(where.toString(), Sort.descending("year").and("awardCode")
                .and("id"), params);
        return Page.of(query, page, Campaign::view);
    }

    @POST
    @Path("/{id}/shortlist")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Best `quota` nominations with at least two scores go to public notice; the rest are not selected")
    public ShortlistResult shortlist(@PathParam("id") UUID id) {
        return nominations.shortlist(id);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(summary = "One campaign")
    public CampaignView get(@PathParam("id") UUID id) {
        return campaigns.requireVisible(id).view();
    }
}
