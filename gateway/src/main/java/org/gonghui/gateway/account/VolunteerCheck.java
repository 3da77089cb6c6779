package org.gonghui.gateway.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.gateway.auth.TokenIssuer;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.Roles;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 19.6: an account's {@code volunteerId} must name a volunteer of the account's org subtree, or the token's
 * {@code volunteerId} claim would open another county's volunteer. The gateway issues the tokens, so it asks
 * volunteer-service as a coordinator of the account's org ({@code GET /api/v1/volunteer/volunteers/{id}} with a
 * one-minute token): the service's own org scoping answers 404 for a volunteer outside it.
 */
@ApplicationScoped
public class VolunteerCheck {

    private static final Logger LOG = Logger.getLogger(VolunteerCheck.class);

    private final TokenIssuer issuer;
    private final ObjectMapper json;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public VolunteerCheck(TokenIssuer issuer, ObjectMapper json,
            @ConfigProperty(name = "gonghui.accounts.volunteer-service-url") String base,
            @ConfigProperty(name = "gonghui.accounts.volunteer-check-timeout", defaultValue = "5s") Duration timeout) {
        this.issuer = issuer;
        this.json = json;
        this.base = URI.create(base.replaceAll("/+$", "") + "/");
        this.timeout = timeout;
    }

    /** 422 {@code volunteer-not-in-org} unless the volunteer exists within {@code orgCode}'s subtree; 503 if unknown. */
    public void requireInOrg(UUID volunteerId, String orgCode) {
        String token = issuer.serviceToken("volunteer-check", orgCode, Set.of(Roles.COORDINATOR));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/volunteer/volunteers/" + volunteerId))
                .timeout(timeout).header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        if (response.statusCode() == 404) {
            throw notInOrg(volunteerId, orgCode);
        }
        if (response.statusCode() != 200) {
            throw unavailable("HTTP " + response.statusCode());
        }
        String owner;
        try {
            JsonNode volunteer = json.readTree(response.body());
            owner = volunteer.path("orgCode").asText(null);
        } catch (java.io.IOException e) {
            throw unavailable("unreadable answer");
        }
        // the service scopes by the token's org already; checked again here, should it ever answer more
        if (!OrgCodes.covers(orgCode, owner)) {
            throw notInOrg(volunteerId, orgCode);
        }
    }

    private static ProblemException notInOrg(UUID volunteerId, String orgCode) {
        return new ProblemException(422, "volunteer-not-in-org", "Unprocessable Content", "volunteerId "
                + volunteerId + " names no volunteer of " + orgCode + " or its sub-orgs").with("field", "volunteerId");
    }

    private static ProblemException unavailable(String why) {
        LOG.warnf("volunteer check failed: %s", why);
        return new ProblemException(503, "volunteer-check-unavailable", "Service Unavailable",
                "volunteer-service could not confirm the volunteer; try again shortly");
    }
}
