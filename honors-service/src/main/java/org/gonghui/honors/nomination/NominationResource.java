package org.gonghui.honors.nomination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.honors.campaign.Campaign;
import org.gonghui.honors.nomination.NominationDtos.NewNomination;
import org.gonghui.honors.nomination.NominationDtos.NominationView;
import org.gonghui.honors.nomination.NominationDtos.ReasonInput;
import org.gonghui.honors.nomination.NominationDtos.ScoreInput;
import org.gonghui.honors.nomination.NominationDtos.ScoreView;
import org.gonghui.honors.notice.ObjectionDtos.NewObjection;
import org.gonghui.honors.notice.ObjectionDtos.ObjectionView;
import org.gonghui.honors.notice.ObjectionService;
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
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/honors/nominations")
@Produces(MediaType.APPLICATION_JSON)
public class NominationResource {

    private final NominationService nominations;
    private final ObjectionService objections;
    private final OrgScope scope;
    private final AuditLog audit;

    @Inject
    public NominationResource(NominationService nominations, ObjectionService objections, OrgScope scope,
            AuditLog audit) {
        this.audit = audit;
        this.nominations = nominations;
        this.objections = objections;
        this.scope = scope;
    }

    @POST
        @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Draft a nomination for a campaign")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewNomination request) {
        NominationView created = nominations.create(request);
        return Response.status(201).entity(created).header("Location", "/api/v1/honors/nominations/" + created.id())
                .build();
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.STAFF)
    @Operation(summary = "Submit a draft: checks the campaign window, quotas, duplicates and volunteer hours")
    public NominationView submit(@PathParam("id") UUID id) {
        return nominations.submit(id);
    }

    @POST
    @Path("/{id}/scores")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Score a submitted nomination 0..100 (once per reviewer; not your own subtree's nominees)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response score(@PathParam("id") UUID id, @Valid @NotNull ScoreInput input) {
        ScoreView view = nominations.score(id, input);
        // a score has no address of its own: it is shown with its nomination
        return Response.status(201).entity(view).header("Location", "/api/v1/honors/nominations/" + id).build();
    }

    @POST
    @Path("/{id}/confer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Confer after the notice ended with no open objection: creates the honor, emits honor-conferred")
    public NominationView confer(@PathParam("id") UUID id) {
        return nominations.confer(id);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({ Roles.ADMIN, Roles.REVIEWER })
    @Operation(summary = "Reject a submitted or noticed nomination with a reason")
    @Consumes(MediaType.APPLICATION_JSON)
    public NominationView reject(@PathParam("id") UUID id, @Valid @NotNull ReasonInput input) {
        return nominations.reject(id, input.reason());
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Withdraw a draft or submitted nomination (frees its quota place)")
    @Consumes(MediaType.APPLICATION_JSON)
    public NominationView withdraw(@PathParam("id") UUID id, @Valid @NotNull ReasonInput input) {
        return nominations.withdraw(id, input.reason());
    }

    @POST
    @Path("/{id}/objections")
    @PermitAll
    @Operation(summary = "Lodge an objection during the public notice (public, no token; throttled per client address)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response lodgeObjection(@PathParam("id") UUID id, @Valid @NotNull NewObjection request,
            @Context HttpServerRequest http) {
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return Response.status(201).entity(objections.lodge(id, request, address))
                .header("Location", "/api/v1/honors/nominations/" + id + "/objections").build();
    }

    @GET
    @Path("/{id}/objections")
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Objections lodged against a nomination")
    public List<ObjectionView> objections(@PathParam("id") UUID id) {
        return objections.ofNomination(id);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.REVIEWER, Roles.ADMIN, Roles.AUDITOR })
    @Transactional
    @Operation(summary = "One nomination")
    public NominationView get(@PathParam("id") UUID id) {
        Nomination n = nominations.requireReadable(id);
        if (n.personRef != null) {
            audit.record("nomination.read", "Nomination", n.id, n.orgCode, "personal data read");
        }
        return nominations.view(n, Campaign.findById(n.campaignId));
    }

    @GET
        @RolesAllowed({ Roles.STAFF, Roles.REVIEWER, Roles.ADMIN, Roles.AUDITOR })
    @Transactional
    @Operation(summary = "Nominations the caller may read, filtered by campaign and status")
    public Page<NominationView> list(@QueryParam("campaignId") UUID campaignId,
            @QueryParam("status") String statusName, @BeanParam @Valid PageParams page) {
        NominationStatus status = parseStatus(statusName);
        StringBuilder where = new StringBuilder("(" + scope.jpql("orgCode"));
        Parameters params = scope.parameters();
        if (scope.hasRole(Roles.REVIEWER)) {
            List<String> ancestors = new ArrayList<>();
            for (String org = scope.org(); org != null; org = OrgCodes.parentOf(org)) {
                ancestors.add(org);
            }
            where.append(" or (status <> :draft and campaignId in (select c.id from Campaign c where c.orgCode in :ancestors))");
            params.and("draft", NominationStatus.DRAFT).and("ancestors", ancestors);
        }
        where.append(")");
        if (campaignId != null) {
            where.append(" and campaignId = :campaignId");
            params.and("campaignId", campaignId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        PanacheQuery<Nomination> query = Nomination.find(where.toString(),
                Sort.descending("createdAt").and("id"), params);
        List<Nomination> found = query.page(page.page, page.size).list();
        Map<UUID, double[]> stats = nominations.scoreStats(found.stream().map(n -> n.id).toList());
        Map<UUID, Campaign> campaignsById = new HashMap<>();
        List<NominationView> items = found.stream().map(n -> nominations.view(n,
                campaignsById.computeIfAbsent(n.campaignId, cid -> Campaign.findById(cid)), stats.get(n.id))).toList();
        long personal = found.stream().filter(n -> n.personRef != null).count();
        if (personal > 0) {
            audit.record("nomination.list", "Nomination", campaignId, scope.org(),
                    "personal data of " + personal + " nominee(s) read; status=" + status);
        }
        return new Page<>(items, page.page, page.size, query.count());
    }

    private static NominationStatus parseStatus(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return NominationStatus.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be one of " + java.util.Arrays.toString(
                    NominationStatus.values()));
        }
    }
}
