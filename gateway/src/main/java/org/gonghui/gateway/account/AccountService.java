package org.gonghui.gateway.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.gonghui.gateway.account.AccountDtos.AccountChange;
import org.gonghui.gateway.account.AccountDtos.AccountView;
import org.gonghui.gateway.account.AccountDtos.NewAccount;
import org.gonghui.gateway.auth.RefreshTokens;
import org.gonghui.gateway.org.OrgUnit;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

import io.quarkus.panache.common.Sort;

/** Accounts administered within the caller's subtree, never granting a role the caller does not hold. */
@ApplicationScoped
public class AccountService {

    private final OrgScope scope;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final VolunteerCheck volunteers;

    public AccountService(OrgScope scope, Passwords passwords, RefreshTokens refreshTokens, AuditLog audit,
            VolunteerCheck volunteers) {
        this.volunteers = volunteers;
        this.scope = scope;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
    }

    @Transactional
    public Page<AccountView> list(String orgCode, int page, int size) {
        String where = scope.jpql("orgCode");
        var params = scope.parameters();
        if (orgCode != null && !orgCode.isBlank()) {
            where += " and orgCode = :orgCode";
            params = params.and("orgCode", orgCode);
        }
        return Page.of(Account.<Account>find(where, Sort.by("username"), params), page, size, AccountView::of);
    }

    @Transactional
    public AccountView get(UUID id) {
        return AccountView.of(visible(id));
    }

    @Transactional
    public AccountView create(NewAccount request) {
        String orgCode = existingOrgInScope(request.orgCode() == null ? scope.org() : request.orgCode());
        Set<String> roles = grantable(request.roles(), Set.of());
        String username = request.username();
        if (Account.findByUsername(username) != null) {
            throw ProblemException.conflict("username-taken", "username " + username + " is already taken");
        }
        if (request.volunteerId() != null) {
            volunteers.requireInOrg(request.volunteerId(), orgCode);
        }
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.username = username;
        account.passwordHash = passwords.hash(request.password());
        account.orgCode = orgCode;
        account.roles = roles.toArray(String[]::new);
        account.volunteerId = request.volunteerId();
        account.enabled = request.enabled() == null || request.enabled();
        account.createdAt = now();
        account.updatedAt = account.createdAt;
        account.persistAndFlush();
        audit.record("account.created", "Account", account.id, orgCode,
                username + " roles=" + roles + (account.enabled ? "" : " disabled"));
        return AccountView.of(account);
    }

    @Transactional
    public AccountView change(UUID id, AccountChange change) {
        Account account = visible(id);
        boolean self = requireMayChange(account);
        StringBuilder what = new StringBuilder();
        boolean endSessions = false;
        if (change.orgCode() != null && !change.orgCode().equals(account.orgCode)) {
            account.orgCode = existingOrgInScope(change.orgCode());
            what.append(" org=").append(account.orgCode);
            endSessions = true;
        }
        if (change.roles() != null) {
            Set<String> roles = grantable(change.roles(), account.roleSet());
            if (!roles.equals(account.roleSet())) {
                account.roles = roles.toArray(String[]::new);
                what.append(" roles=").append(roles);
                endSessions = true;
            }
        }
        boolean newVolunteer = change.volunteerId() != null && !change.volunteerId().equals(account.volunteerId);
        if (newVolunteer) {
            account.volunteerId = change.volunteerId();
            what.append(" volunteerId=").append(account.volunteerId);
        }
        if (account.volunteerId != null && (newVolunteer || what.indexOf(" org=") >= 0)) {
            // a new volunteer, or a new org for the old one: it must lie in the account's (new) subtree
            volunteers.requireInOrg(account.volunteerId, account.orgCode);
        }
        if (change.password() != null) {
            if (self) {
                // a stolen token must not be enough to take the account for good
                throw ProblemException.forbidden("own-password-needs-current", "change your own password with "
                        + "POST /auth/password, giving the current one");
            }
            account.passwordHash = passwords.hash(change.password());
            account.mustChangePassword = true;
            what.append(" password-reset(must-change)");
            endSessions = true;
        }
        if (change.enabled() != null && change.enabled() != account.enabled) {
            account.enabled = change.enabled();
            what.append(account.enabled ? " enabled" : " disabled");
            endSessions |= !account.enabled;
        }
        if (Boolean.TRUE.equals(change.unlock())) {
            account.failedAttempts = 0;
            account.lockedUntil = null;
            account.failuresResetAt = now();
            what.append(" unlocked");
        }
        if (what.length() > 0) {
            account.updatedAt = now();
            if (endSessions) {
                // new org, roles or password take effect at the next login, not at a refresh of an old session
                refreshTokens.revokeAllOf(account.id);
            }
            audit.record("account.changed", "Account", account.id, account.orgCode,
                    account.username + what);
        }
        return AccountView.of(account);
    }

    /**
     * Issue 19.1: only an account of narrower rights in the caller's subtree, or oneself
     * ({@link AccountAdministration}). A refusal is 403, not 404: the account is in the caller's subtree and its list
     * shows it, so pretending it is absent would hide nothing. Returns whether the caller changes itself.
     */
    private boolean requireMayChange(Account target) {
        var caller = new AccountAdministration.Party(scope.subject(), scope.org(), scope.roles());
        var party = new AccountAdministration.Party(target.id.toString(), target.orgCode, target.roleSet());
        switch (AccountAdministration.mayChange(caller, party)) {
            case SELF:
                return true;
            case ALLOWED:
                return false;
            case NOT_VISIBLE:
                throw ProblemException.notFound("Account " + target.id);
            case WIDER:
                throw ProblemException.forbidden("account-not-manageable", "this account holds rights you do not "
                        + "hold " + AccountAdministration.missing(caller, party) + "; only an admin holding all of "
                        + "them may change it").with("missingRoles", AccountAdministration.missing(caller, party));
            default:
                throw ProblemException.forbidden("account-not-manageable", "this account has the same rights as "
                        + "yours at your own org; only an admin above it, or the account itself, may change it");
        }
    }

    /** 404 unless the account exists and its org lies in the caller's subtree. */
    private Account visible(UUID id) {
        Account account = Account.findById(id);
        if (account == null || !scope.covers(account.orgCode)) {
            throw ProblemException.notFound("Account " + id);
        }
        return account;
    }

    private String existingOrgInScope(String orgCode) {
        String code = scope.orgForCreate(orgCode);
        if (OrgUnit.findById(code) == null) {
            throw ProblemException.unprocessable("unknown-org", "org " + code + " is not registered")
                    .with("orgCode", code);
        }
        return code;
    }

    /**
     * The one rule for granting: every role must exist, and each role the account does not already have must be held
     * by the caller. The volunteer role (self-service only) may be granted by any admin.
     */
    Set<String> grantable(Set<String> requested, Set<String> alreadyHeld) {
        Set<String> roles = new TreeSet<>();
        for (String role : requested) {
            if (!Roles.ALL.contains(role)) {
                throw ProblemException.invalidField("roles", "unknown role " + role + "; one of " + Roles.ALL);
            }
            boolean added = !alreadyHeld.contains(role);
            if (added && !Roles.VOLUNTEER.equals(role) && !scope.hasRole(role)) {
                throw ProblemException.forbidden("role-not-grantable",
                        "you cannot grant the role " + role + " because you do not hold it").with("role", role);
            }
            roles.add(role);
        }
        return roles;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

}
