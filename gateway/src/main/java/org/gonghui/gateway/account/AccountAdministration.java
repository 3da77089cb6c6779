package org.gonghui.gateway.account;

import java.util.Set;
import java.util.TreeSet;

import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.Roles;

/**
 * The one rule for changing an account (issue 19.1): who may change whom. Pure, so the unit test and the endpoint
 * share it.
 * <ul>
 * <li>Oneself: always (but one's own password only with the current one, {@code POST /auth/password}).</li>
 * <li>Outside the caller's org subtree: invisible (404, as if absent).</li>
 * <li>Every right the target holds must be held by the caller, else the target is <em>wider</em>.</li>
 * <li>Same org and the same rights: a <em>peer</em>; peers never change each other. The first admin, at the root
 * with every right, is therefore changed only by itself.</li>
 * </ul>
 * "Rights" are the roles minus {@code volunteer}: that role is self-service only and any admin may grant it, so it
 * neither widens a target nor counts for the caller.
 */
public final class AccountAdministration {

    public enum Verdict {
        SELF, ALLOWED, NOT_VISIBLE, WIDER, PEER
    }

    public record Party(String id, String orgCode, Set<String> roles) {
    }

    private AccountAdministration() {
    }

    public static Verdict mayChange(Party caller, Party target) {
        if (caller.id() != null && caller.id().equals(target.id())) {
            return Verdict.SELF;
        }
        if (!OrgCodes.covers(caller.orgCode(), target.orgCode())) {
            return Verdict.NOT_VISIBLE;
        }
        Set<String> callerRights = rights(caller.roles());
        Set<String> targetRights = rights(target.roles());
        if (!callerRights.containsAll(targetRights)) {
            return Verdict.WIDER;
        }
        if (caller.orgCode().equals(target.orgCode()) && callerRights.equals(targetRights)) {
            return Verdict.PEER;
        }
        return Verdict.ALLOWED;
    }

    /** The target's rights the caller does not hold (for the refusal's message). */
    public static Set<String> missing(Party caller, Party target) {
        Set<String> missing = rights(target.roles());
        missing.removeAll(caller.roles());
        return missing;
    }

    static Set<String> rights(Set<String> roles) {
        Set<String> rights = new TreeSet<>(roles);
        rights.remove(Roles.VOLUNTEER);
        return rights;
    }
}
