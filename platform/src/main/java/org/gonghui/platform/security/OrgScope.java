package org.gonghui.platform.security;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gonghui.platform.errors.ProblemException;

import io.quarkus.panache.common.Parameters;

/**
 * The caller's org subtree from the token's {@code org} claim. Every list filters by it and every lookup passes
 * through {@link #requireVisible}, so a record of another county answers 404 exactly as if it did not exist.
 */
@RequestScoped
public class OrgScope {

    public static final String ORG_CLAIM = "org";
    public static final String VOLUNTEER_CLAIM = "volunteerId";

    private final JsonWebToken jwt;

    @Inject
    public OrgScope(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The caller's org code; a token without a valid one cannot act on anything. */
    public String org() {
        String org = jwt == null ? null : jwt.getClaim(ORG_CLAIM);
        if (!OrgCodes.isValid(org)) {
            throw new io.quarkus.security.UnauthorizedException("token carries no valid org claim");
        }
        return org;
    }

    public boolean covers(String orgCode) {
        return OrgCodes.covers(org(), orgCode);
    }

    /** 404 unless the record's org lies in the caller's subtree. */
    public void requireVisible(String recordOrgCode, String what) {
        if (recordOrgCode == null || !covers(recordOrgCode)) {
            throw ProblemException.notFound(what);
        }
    }

    /** The org code for a record being created: the caller's own when absent, else it must lie in the subtree. */
    public String orgForCreate(String requested) {
        if (requested == null || requested.isBlank()) {
            return org();
        }
        if (!OrgCodes.isValid(requested)) {
            throw ProblemException.invalidField("orgCode", "must be a dotted lowercase org code like ld.lsj");
        }
        if (!covers(requested)) {
            throw ProblemException.forbidden("org-out-of-scope",
                    "orgCode " + requested + " is outside your organisation " + org());
        }
        return requested;
    }

    /**
     * A JPQL condition restricting {@code field} to the caller's subtree; bind {@link #parameters()}.
     * Example: {@code find(scope.jpql("orgCode") + " and year = :year", scope.parameters().and("year", y))}.
     */
    public String jpql(String field) {
        return "(" + field + " = :scopeOrg or " + field + " like :scopeOrgPrefix)";
    }

    public Parameters parameters() {
        return Parameters.with("scopeOrg", org()).and("scopeOrgPrefix", org() + ".%");
    }

    /** The same condition for native SQL with named parameters {@code :scopeOrg} and {@code :scopeOrgPrefix}. */
    public String sql(String column) {
        return jpql(column);
    }

    public Map<String, Object> parameterMap() {
        return parameters().map();
    }

    public String username() {
        return jwt.getName();
    }

    public String subject() {
        return jwt.getSubject();
    }

    public Set<String> roles() {
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** The volunteer id bound to a volunteer account, or null. */
    public String volunteerId() {
        Object claim = jwt.getClaim(VOLUNTEER_CLAIM);
        return claim == null ? null : claim.toString().replace("\"", "");
    }
}
