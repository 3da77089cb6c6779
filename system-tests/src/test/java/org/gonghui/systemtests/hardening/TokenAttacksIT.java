package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gonghui.systemtests.RunningSuite;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 11/3, token attacks: every forged token is refused with 401 problem+json by the gateway (its own endpoints
 * and the routes it forwards) and by each service on its own port, which verifies tokens itself (zero trust).
 * Also: what a disabled account's token and a token of an org that is not (any more) registered can still do.
 */
class TokenAttacksIT {

    static final String SWEEP = "token-attacks";

    /** name -> base URL + path of a protected GET that the real token may call. */
    static Map<String, String> targets() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("gateway /auth/me", RunningSuite.GATEWAY + "/auth/me");
        t.put("gateway -> honors", RunningSuite.GATEWAY + "/api/v1/honors/nominations");
        t.put("gateway -> welfare", RunningSuite.GATEWAY + "/api/v1/welfare/cases");
        t.put("gateway -> volunteer", RunningSuite.GATEWAY + "/api/v1/volunteer/volunteers");
        t.put("gateway accounts", RunningSuite.GATEWAY + "/api/v1/accounts");
        t.put("honors direct", Wire.servicePort(1) + "/api/v1/honors/nominations");
        t.put("welfare direct", Wire.servicePort(2) + "/api/v1/welfare/cases");
        t.put("volunteer direct", Wire.servicePort(3) + "/api/v1/volunteer/volunteers");
        return t;
    }

    @Test
    void forgedTokensAreRefusedAtTheGatewayAndAtEveryServicePort() {
        String real = RunningSuite.tokenFor("forge-base", "ld.lsj", "admin", "staff", "coordinator");
        Ledger.secret(real);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> target : targets().entrySet()) {
            Wire.Answer ok = get(target.getValue(), real);
            assertEquals(200, ok.status(), "the real token must work at " + target.getKey() + ": " + ok);
            for (Map.Entry<String, String> forged : ForgedTokens.from(real).entrySet()) {
                Wire.Answer a = get(target.getValue(), forged.getValue());
                Ledger.count(SWEEP, "requests sent");
                if (a.status() != 401 || a.problemDefect() != null) {
                    failures.add(target.getKey() + " accepted or mis-answered '" + forged.getKey() + "': " + a);
                }
            }
            Wire.Answer none = get(target.getValue(), null);
            Ledger.count(SWEEP, "requests sent");
            if (none.status() != 401 || none.problemDefect() != null) {
                failures.add(target.getKey() + " without a token: " + none);
            }
        }
        Ledger.add(SWEEP, "forged kinds", ForgedTokens.from(real).size());
        Ledger.add(SWEEP, "targets", targets().size());
        Ledger.report(SWEEP, failures.stream().map(f -> "FAILED: " + f).toList());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * A disabled account can neither log in nor refresh; the access token it already holds is a self-contained JWT
     * and stays usable until it expires, at most the access-token lifetime (15 min): documented in SECURITY.md.
     */
    @Test
    void aDisabledAccountLosesItsSessionWithinTheAccessTokenLifetime() {
        String admin = RunningSuite.adminToken();
        String username = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        Ledger.secret(password);
        JsonNode created = Wire.json("POST", "/api/v1/accounts", admin, Map.of("username", username, "password",
                password, "orgCode", "ld.lsj", "roles", List.of("staff"), "enabled", true)).json();
        JsonNode pair = Wire.json("POST", "/auth/token", null, Map.of("username", username, "password", password)).json();
        String access = pair.path("accessToken").asText();
        String refresh = pair.path("refreshToken").asText();
        Ledger.secret(access);
        Ledger.secret(refresh);
        JsonNode claims = ForgedTokens.claims(access);
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertTrue(lifetime > 0 && lifetime <= 900, "access tokens must live at most 15 min, not " + lifetime + " s");

        Wire.Answer disable = Wire.json("PATCH", "/api/v1/accounts/" + created.path("id").asText(), admin,
                Map.of("enabled", false));
        assertEquals(200, disable.status(), disable.toString());

        Wire.Answer login = Wire.json("POST", "/auth/token", null, Map.of("username", username, "password", password));
        assertTrue(login.status() == 401 || login.status() == 423, "a disabled account logged in: " + login);
        assertNull(login.problemDefect(), login.toString());
        Wire.Answer refreshed = Wire.json("POST", "/auth/refresh", null, Map.of("refreshToken", refresh));
        assertEquals(401, refreshed.status(), "a disabled account refreshed its session: " + refreshed);
        assertNull(refreshed.problemDefect(), refreshed.toString());

        Wire.Answer stillHeld = Wire.gateway("GET", "/api/v1/welfare/cases", access, null, null);
        Ledger.report("disabled-account", List.of("access-token lifetime: " + lifetime + " s",
                "login after disabling: " + login.status(), "refresh after disabling: " + refreshed.status(),
                "already issued access token after disabling: " + stillHeld.status()
                        + (stillHeld.status() == 200 ? " (valid until it expires, at most " + lifetime + " s)" : "")));
        assertTrue(stillHeld.status() == 200 || stillHeld.status() == 401, stillHeld.toString());
    }

    /**
     * Orgs are never deleted (records keep their orgCode), so "an org that was removed" is a correctly signed token
     * whose org is not registered: it must not see any registered org's records.
     */
    @Test
    void aTokenOfAnUnregisteredOrgSeesNothingOfTheRegisteredOnes() {
        String staff = RunningSuite.tokenFor("ghost-base", "ld.lsj", "staff", "coordinator", "admin");
        JsonNode community = Wire.json("POST", "/api/v1/volunteer/communities", staff,
                Map.of("name", "ghost-check-" + UUID.randomUUID(), "orgCode", "ld.lsj", "address", "1 Steel Rd")).json();
        String id = community.path("id").asText();
        String ghost = ForgedTokens.suiteSigned(staff, c -> c.put("org", "ld.gone" + UUID.randomUUID().toString()
                .substring(0, 4).replaceAll("[^a-z]", "q")));
        for (String base : List.of(RunningSuite.GATEWAY, Wire.servicePort(3))) {
            Wire.Answer one = Wire.send(base, "GET", "/api/v1/volunteer/communities/" + id, ghost, null, null, Map.of());
            assertTrue(one.status() == 404 || one.status() == 401, "a ghost org read a record: " + one);
            Wire.Answer list = Wire.send(base, "GET", "/api/v1/volunteer/communities?size=200", ghost, null, null, Map.of());
            if (list.status() == 200) {
                assertEquals(0, list.json().path("total").asInt(), "a ghost org listed records: " + list);
            } else {
                assertEquals(401, list.status(), list.toString());
            }
        }
        Wire.Answer accounts = Wire.gateway("GET", "/api/v1/accounts", ghost, null, null);
        assertTrue(accounts.status() == 401 || accounts.status() == 200 && accounts.json().path("total").asInt() == 0,
                "a ghost org listed accounts: " + accounts);
    }

    private static Wire.Answer get(String url, String token) {
        int slash = url.indexOf('/', "http://".length());
        return Wire.send(url.substring(0, slash), "GET", url.substring(slash), token, null, null, Map.of());
    }
}
