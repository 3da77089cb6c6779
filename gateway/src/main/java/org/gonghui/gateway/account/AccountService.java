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

    public AccountService(OrgScope scope, Passwords passwords, RefreshTokens refreshTokens, AuditLog audit) {
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
        if (change.volunteerId() != null && !change.volunteerId().equals(account.volunteerId)) {
            account.volunteerId = change.volunteerId();
            what.append(" volunteerId=").append(account.volunteerId);
        }
        if (change.password() != null) {
            account.passwordHash = passwords.hash(change.password());
            what.append(" password");
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
