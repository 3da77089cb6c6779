package org.gonghui.gateway.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.gateway.routing.RoutingConfig;
import org.gonghui.gateway.routing.UpstreamCalls;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/audit}: the gateway's own audit entries and each service's, asked with the caller's token (so
 * each service applies the caller's org subtree), merged newest first. A service that does not answer in time is
 * named in {@code unavailable} and the answer is {@code partial}.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class MergedAuditResource {

    /** One page of the merged trail; {@code total} counts the entries gathered for it (a lower bound). */
    public record MergedAuditPage(List<JsonNode> items, int page, int size, long total, boolean partial,
            List<String> unavailable) {
    }

    static final String GATEWAY = "gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AuditLog audit;
    private final OrgScope scope;
    private final RoutingConfig routing;
    private final UpstreamCalls calls;
    private final ObjectMapper json;

    public MergedAuditResource(AuditLog audit, OrgScope scope, RoutingConfig routing, UpstreamCalls calls,
            ObjectMapper json) {
        this.audit = audit;
        this.scope = scope;
        this.routing = routing;
        this.calls = calls;
        this.json = json;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The audit trail of the gateway and the services in the caller's subtree, newest first")
    public MergedAuditPage search(@QueryParam("service") String service, @QueryParam("actor") String actor,
            @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @BeanParam @Valid PageParams page, @HeaderParam("Authorization") String authorization) {
        if (service != null && !service.isBlank() && !GATEWAY.equals(service)
                && !routing.upstreams().containsKey(service)) {
            throw ProblemException.invalidField("service", "one of gateway, " + routing.upstreams().keySet());
        }
        // enough entries from every source to fill the requested page after merging
        int wanted = Math.min(PageParams.MAX_SIZE, (page.page + 1) * page.size);
        Map<String, CompletableFuture<List<JsonNode>>> remote = new LinkedHashMap<>();
        routing.upstreams().forEach((name, base) -> {
            if (service == null || service.isBlank() || service.equals(name)) {
                remote.put(name, fetch(name, actor, from, to, wanted, authorization));
            }
        });
        List<JsonNode> merged = new ArrayList<>();
        if (service == null || service.isBlank() || GATEWAY.equals(service)) {
            audit.search(scope, actor, from, to, 0, wanted).forEach(e -> merged.add(json.valueToTree(e)));
        }
        List<String> unavailable = new ArrayList<>();
        remote.forEach((name, entries) -> {
            List<JsonNode> got = entries.join();
            if (got == null) {
                unavailable.add(name);
            } else {
                merged.addAll(got);
            }
        });
        merged.sort(Comparator.comparing(MergedAuditResource::at).reversed());
        int fromIndex = Math.min(merged.size(), page.page * page.size);
        int toIndex = Math.min(merged.size(), fromIndex + page.size);
        return new MergedAuditPage(List.copyOf(merged.subList(fromIndex, toIndex)), page.page, page.size,
                merged.size(), !unavailable.isEmpty(), unavailable);
    }

    private static OffsetDateTime at(JsonNode entry) {
        try {
            return OffsetDateTime.parse(entry.path("at").asText());
        } catch (RuntimeException e) {
            return OffsetDateTime.MIN;
        }
    }

    private CompletableFuture<List<JsonNode>> fetch(String name, String actor, OffsetDateTime from,
            OffsetDateTime to, int size, String authorization) {
        StringBuilder uri = new StringBuilder("/api/v1/").append(name).append("/audit?page=0&size=").append(size);
        param(uri, "actor", actor);
        param(uri, "from", from == null ? null : from.toString());
        param(uri, "to", to == null ? null : to.toString());
        return calls.get(name, uri.toString(), authorization, TIMEOUT).thenApply(body -> {
            if (body == null) {
                return null;
            }
            List<JsonNode> entries = new ArrayList<>();
            (body.isArray() ? body : body.path("items")).forEach(entries::add);
            return entries;
        });
    }

    private static void param(StringBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
