package org.gonghui.gateway.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.gonghui.gateway.account.Account;
import org.gonghui.gateway.account.Passwords;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;

/**
 * Login, refresh and logout. Failures are committed, not rolled back ({@code dontRollbackOn}): the failure counter,
 * the lock, the attempt log and a family revoked on reuse must outlive the error answer.
 */
@ApplicationScoped
public class LoginService {

    /** The token pair answered by login and refresh. */
    public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }

    private final EntityManager em;
    private final Passwords passwords;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final AuthConfig config;
    private final AuditLog audit;
    private final LoginLockout lockout;

    public LoginService(EntityManager em, Passwords passwords, TokenIssuer issuer, RefreshTokens refreshTokens,
            AuthConfig config, AuditLog audit, LoginLockout lockout) {
        this.lockout = lockout;
        this.em = em;
        this.passwords = passwords;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.config = config;
        this.audit = audit;
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair login(String rawUsername, String password, String clientIp) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Account account = authenticate(rawUsername, password, clientIp, now);
        if (account.mustChangePassword) {
            // the right password, set by an admin: it opens nothing but the change of itself
            throw new ProblemException(403, "password-change-required", "Forbidden", "an admin set this password: "
                    + "choose your own with POST /auth/password {username, password, newPassword}, which logs you in");
        }
        return pair(account, null, now);
    }

    /**
     * Every user changes its own password with the current one (also the way out of {@code mustChangePassword});
     * the same lockout and throttle as a login guard it. Ends the account's other sessions and logs in.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair changePassword(String rawUsername, String password, String newPassword, String clientIp) {
        Passwords.requireHashable("newPassword", newPassword);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Account account = authenticate(rawUsername, password, clientIp, now);
        if (passwords.matches(newPassword, account.passwordHash)) {
            throw ProblemException.invalidField("newPassword", "must differ from the current password");
        }
        account.passwordHash = passwords.hash(newPassword);
        account.mustChangePassword = false;
        account.updatedAt = now;
        refreshTokens.revokeAllOf(account.id);
        audit.record("account.password-changed", "Account", account.id, account.orgCode,
                account.username + " changed its own password");
        return pair(account, null, now);
    }

    /**
     * The account of these credentials, or one answer for every failure: an unknown user, a wrong password, a
     * disabled account get the same 401, and a locked (username, address) the same 423 whether or not the account
     * exists; each path checks one bcrypt hash, so they take about the same time (issue 19.8).
     */
    private Account authenticate(String rawUsername, String password, String clientIp, OffsetDateTime now) {
        requireNotThrottled(clientIp, now);
        String username = attemptKey(rawUsername.strip().toLowerCase(Locale.ROOT));
        Account account = em.createQuery("from Account where username = :u", Account.class)
                .setParameter("u", username).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        long wait = lockout.retryAfterSeconds(username, clientIp, account == null ? null : account.failuresResetAt,
                now);
        if (wait > 0) {
            passwords.checkDecoy(password);
            recordAttempt(clientIp, username, false, true);
            throw locked(wait);
        }
        boolean ok = account == null ? passwords.checkDecoy(password)
                : passwords.matches(password, account.passwordHash) && account.enabled;
        if (!ok) {
            recordAttempt(clientIp, username, false, false);
            long lock = account == null ? 0 : lockout.retryAfterSeconds(username, clientIp, account.failuresResetAt,
                    now);
            if (lock > 0) {
                account.lockedUntil = now.plusSeconds(lock);
                audit.record("account.locked", "Account", account.id, account.orgCode, account.username
                        + " locked from one address after " + config.maxFailures() + " failed logins");
            }
            throw invalidCredentials();
        }
        recordAttempt(clientIp, username, true, false);
        return account;
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair refresh(String token) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        RefreshToken row = refreshTokens.findForUpdate(token);
        if (row == null || row.revokedAt != null) {
            throw invalidRefreshToken();
        }
        if (row.usedAt != null) {
            // a used token presented again: it was stolen or replayed, so the whole login ends
            refreshTokens.revokeFamily(row.familyId);
            audit.record("refresh-token.reused", "Account", row.accountId, null, "family " + row.familyId + " revoked");
            throw invalidRefreshToken();
        }
        if (!row.expiresAt.isAfter(now) || refreshTokens.familyEnded(row, now)) {
            throw invalidRefreshToken();
        }
        Account account = Account.findById(row.accountId);
        // a lock is about guessing passwords from an address: it does not end a login that is already open
        if (account == null || !account.enabled) {
            refreshTokens.revokeFamily(row.familyId);
            throw invalidRefreshToken();
        }
        row.usedAt = now;
        return pair(account, row, now);
    }

    /** Ends the login the refresh token belongs to, if it is the caller's; silent otherwise. */
    @Transactional
    public void logout(String token, String accountId) {
        RefreshToken row = refreshTokens.findForUpdate(token);
        if (row != null && row.accountId.toString().equals(accountId)) {
            refreshTokens.revokeFamily(row.familyId);
        }
    }

    /** A new access token and the next refresh token of {@code used}'s login, or of a new login when null. */
    private TokenPair pair(Account account, RefreshToken used, OffsetDateTime now) {
        Instant issuedAt = now.toInstant();
        String access = issuer.accessToken(account, issuedAt);
        String refresh = used == null ? refreshTokens.issue(account.id, now) : refreshTokens.next(used, now);
        return new TokenPair(access, "Bearer", issuer.accessTokenSeconds(), refresh);
    }

    private void requireNotThrottled(String clientIp, OffsetDateTime now) {
        long recentFailures = em.createQuery("""
                select count(a) from LoginAttempt a
                where a.clientIp = :ip and a.succeeded = false and a.attemptedAt > :since""", Long.class)
                .setParameter("ip", clientIp).setParameter("since", now.minus(config.throttleWindow()))
                .getSingleResult();
        if (recentFailures >= config.throttleMaxFailures()) {
            throw new ThrottledException(429, "too-many-login-attempts", "Too Many Requests",
                    "too many failed logins from your address; try again later", config.throttleWindow().toSeconds());
        }
    }

    private static String attemptKey(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }

    private void recordAttempt(String clientIp, String username, boolean succeeded, boolean refused) {
        LoginAttempt attempt = new LoginAttempt();
        attempt.clientIp = clientIp;
        attempt.username = username;
        attempt.succeeded = succeeded;
        attempt.refused = refused;
        attempt.attemptedAt = OffsetDateTime.now(ZoneOffset.UTC);
        attempt.persist();
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(401, "invalid-credentials", "Unauthorized", "wrong username or password");
    }

    private static ProblemException invalidRefreshToken() {
        return new ProblemException(401, "invalid-refresh-token", "Unauthorized",
                "the refresh token is unknown, expired, revoked or already used; log in again");
    }

    /** The same for an unknown username as for an account: nothing in it tells whether the account exists. */
    private static ProblemException locked(long seconds) {
        return new ThrottledException(423, "account-locked", "Locked",
                "too many failed logins for this username; try again later", seconds);
    }
}
