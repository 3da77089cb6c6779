package org.gonghui.systemtests.hardening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The roles that {@code /work/shared/api.md} (the API contract) names for each operation, keyed like the OpenAPI
 * document ({@code METHOD /path/{param}}). {@code PUBLIC} needs no token, {@code ANY} any valid token.
 */
final class Contract {

    static final String PUBLIC = "(public)";
    static final String ANY = "any";
    static final Set<String> ROLES = Set.of("admin", "staff", "reviewer", "finance", "coordinator", "volunteer",
            "auditor");

    static final Map<String, Set<String>> ROLES_BY_OPERATION = new LinkedHashMap<>();

    private static void op(String key, String... roles) {
        ROLES_BY_OPERATION.put(key, Set.of(roles));
    }

    static {
        op("POST /auth/token", PUBLIC);
        op("POST /auth/refresh", PUBLIC);
        op("POST /auth/logout", ANY);
        op("GET /auth/me", ANY);
        op("GET /.well-known/jwks.json", PUBLIC);
        op("GET /api/v1/orgs", "admin");
        op("POST /api/v1/orgs", "admin");
        op("GET /api/v1/accounts", "admin");
        op("POST /api/v1/accounts", "admin");
        op("PATCH /api/v1/accounts/{id}", "admin");
        op("GET /api/v1/audit", "auditor", "admin");
        op("GET /api/v1/reports/annual/{year}", "staff", "auditor", "admin");
        op("GET /openapi", PUBLIC);

        op("GET /api/v1/honors/awards", ANY);
        op("POST /api/v1/honors/awards", "admin");
        op("POST /api/v1/honors/campaigns", "admin");
        op("GET /api/v1/honors/campaigns", ANY);
        op("POST /api/v1/honors/nominations", "staff");
        op("POST /api/v1/honors/nominations/{id}/submit", "staff");
        op("POST /api/v1/honors/nominations/{id}/scores", "reviewer");
        op("POST /api/v1/honors/campaigns/{id}/shortlist", "admin");
        op("POST /api/v1/honors/nominations/{id}/objections", PUBLIC);
        op("POST /api/v1/honors/objections/{id}/resolve", "admin");
        op("POST /api/v1/honors/nominations/{id}/confer", "admin");
        op("POST /api/v1/honors/nominations/{id}/reject", "admin", "reviewer");
        op("GET /api/v1/honors/nominations", "staff", "reviewer", "admin");
        op("GET /api/v1/honors/honors", ANY);
        op("POST /api/v1/honors/honors/import", "admin");
        op("POST /api/v1/honors/honors/{id}/revoke", "admin");
        op("GET /api/v1/honors/roll", PUBLIC);
        op("GET /api/v1/honors/stats", "staff", "auditor", "admin");

        op("POST /api/v1/welfare/cases", "staff");
        op("GET /api/v1/welfare/cases", "staff");
        op("POST /api/v1/welfare/cases/{id}/verify", "staff");
        op("POST /api/v1/welfare/cases/{id}/close", "reviewer");
        op("GET /api/v1/welfare/programs", ANY);
        op("POST /api/v1/welfare/funds", "admin");
        op("GET /api/v1/welfare/funds", "staff");
        op("GET /api/v1/welfare/funds/{id}/ledger", "finance", "auditor", "admin");
        op("POST /api/v1/welfare/applications", "staff");
        op("POST /api/v1/welfare/applications/{id}/approve", "reviewer");
        op("POST /api/v1/welfare/applications/{id}/reject", "reviewer");
        op("POST /api/v1/welfare/applications/{id}/pay", "finance");
        op("GET /api/v1/welfare/applications", "staff", "reviewer", "finance");
        op("POST /api/v1/welfare/enrolments/import", "staff");
        op("GET /api/v1/welfare/enrolments", "staff");
        op("GET /api/v1/welfare/model-workers", "staff");
        op("GET /api/v1/welfare/stats", "staff", "auditor", "admin");

        op("POST /api/v1/volunteer/communities", "coordinator");
        op("GET /api/v1/volunteer/communities", "coordinator");
        op("POST /api/v1/volunteer/volunteers", "coordinator", "volunteer");
        op("GET /api/v1/volunteer/volunteers", "coordinator", "volunteer");
        op("POST /api/v1/volunteer/teams", "coordinator");
        op("GET /api/v1/volunteer/teams", "coordinator");
        op("POST /api/v1/volunteer/teams/{id}/members", "coordinator");
        op("POST /api/v1/volunteer/activities", "coordinator");
        op("GET /api/v1/volunteer/activities", "coordinator");
        op("POST /api/v1/volunteer/activities/{id}/signups", "volunteer", "coordinator");
        op("DELETE /api/v1/volunteer/activities/{id}/signups/{signupId}", "volunteer", "coordinator");
        op("POST /api/v1/volunteer/activities/{id}/checkins", "coordinator", "volunteer");
        op("POST /api/v1/volunteer/activities/{id}/checkouts", "coordinator", "volunteer");
        op("POST /api/v1/volunteer/activities/{id}/complete", "coordinator");
        op("POST /api/v1/volunteer/rotations", "coordinator");
        op("GET /api/v1/volunteer/volunteers/{id}/hours", "coordinator", "volunteer");
        op("GET /api/v1/volunteer/teams/{id}/calendar.ics", "coordinator", "volunteer");
        op("GET /api/v1/volunteer/volunteers/{id}/calendar.ics", "coordinator", "volunteer");
        op("GET /api/v1/volunteer/stats", "staff", "auditor", "admin");
    }

    /**
     * Roles the contract grants only for the caller's own records ("volunteer for self", "team leader",
     * "members"): with a random record id these may answer 403 or 404 rather than pass the role check.
     */
    static boolean selfOnly(String key, String role) {
        return role.equals("volunteer") && (key.contains("/volunteers") || key.contains("/teams/")
                || key.contains("/checkins") || key.contains("/checkouts") || key.contains("/signups"));
    }

    private Contract() {
    }
}
