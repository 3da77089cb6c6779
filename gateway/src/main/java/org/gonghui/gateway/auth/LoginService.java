package org.gonghui.gateway.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

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

    public LoginService(EntityManager em, Passwords passwords, TokenIssuer issuer, RefreshTokens refreshTokens,
            AuthConfig config, AuditLog audit) {
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
        requireNotThrottled(clientIp, now);
        String username = rawUsername.strip().toLowerCase(Locale.ROOT);
        Account account = em.createQuery("from Account where username = :u", Account.class)
                .setParameter("u", username).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (account == null) {
            passwords.checkDecoy(password);
            recordAttempt(clientIp, username, false);
            throw invalidCredentials();
        }
        if (account.lockedAt(now)) {
            recordAttempt(clientIp, username, false);
            throw locked(account.lockedUntil, now);
        }
        if (!passwords.matches(password, account.passwordHash) || !account.enabled) {
            recordAttempt(clientIp, username, false);
            if (account.enabled) {
                countFailure(account, now);
            }
            throw invalidCredentials();
        }
        account.failedAttempts = 0;
        account.lockedUntil = null;
        recordAttempt(clientIp, username, true);
        return pair(account, null, now);
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
        if (!row.expiresAt.isAfter(now)) {
            throw invalidRefreshToken();
        }
        Account account = Account.findById(row.accountId);
        if (account == null || !account.enabled || account.lockedAt(now)) {
            refreshTokens.revokeFamily(row.familyId);
            throw invalidRefreshToken();
        }
        row.usedAt = now;
        return pair(account, row.familyId, now);
    }

    /** Ends the login the refresh token belongs to, if it is the caller's; silent otherwise. */
    @Transactional
    public void logout(String token, String accountId) {
        RefreshToken row = refreshTokens.findForUpdate(token);
        if (row != null && row.accountId.toString().equals(accountId)) {
            refreshTokens.revokeFamily(row.familyId);
        }
    }

    private TokenPair pair(Account account, UUID familyId, OffsetDateTime now) {
        Instant issuedAt = now.toInstant();
        String access = issuer.accessToken(account, issuedAt);
        String refresh = refreshTokens.issue(account.id, familyId, now);
        return new TokenPair(access, "Bearer", issuer.accessTokenSeconds(), refresh);
    }

    private void countFailure(Account account, OffsetDateTime now) {
        account.failedAttempts++;
        if (account.failedAttempts >= config.maxFailures()) {
            account.lockedUntil = now.plus(config.lockDuration());
            account.failedAttempts = 0;
            audit.record("account.locked", "Account", account.id, account.orgCode,
                    account.username + " locked after " + config.maxFailures() + " failed logins");
        }
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

    private void recordAttempt(String clientIp, String username, boolean succeeded) {
        LoginAttempt attempt = new LoginAttempt();
        attempt.clientIp = clientIp;
        attempt.username = username.length() > 64 ? username.substring(0, 64) : username;
        attempt.succeeded = succeeded;
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

    private static ProblemException locked(OffsetDateTime until, OffsetDateTime now) {
        long seconds = Math.max(1, java.time.Duration.between(now, until).toSeconds());
        return new ThrottledException(423, "account-locked", "Locked",
                "too many failed logins; the account is locked until " + until, seconds).with("lockedUntil",
                        until.toString());
    }
}
