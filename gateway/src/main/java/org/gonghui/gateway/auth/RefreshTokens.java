package org.gonghui.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.gonghui.gateway.keys.JwtConfig;

/** Opaque single-use refresh tokens: issued in families, stored hashed, a reused one ends its whole family. */
@ApplicationScoped
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtConfig config;

    public RefreshTokens(JwtConfig config) {
        this.config = config;
    }

    /** The first token of a new login; returns the token itself, shown once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(UUID accountId, OffsetDateTime now) {
        return issue(accountId, UUID.randomUUID(), now, now);
    }

    /** The next token of the login {@code used} belongs to, expiring no later than the family's end. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String next(RefreshToken used, OffsetDateTime now) {
        return issue(used.accountId, used.familyId, used.familyStartedAt, now);
    }

    /** Whether the login of this token has reached its absolute end. */
    public boolean familyEnded(RefreshToken row, OffsetDateTime now) {
        return !familyEnd(row.familyStartedAt).isAfter(now);
    }

    private OffsetDateTime familyEnd(OffsetDateTime familyStartedAt) {
        return familyStartedAt.plus(config.refreshFamilyLifetime());
    }

    private String issue(UUID accountId, UUID familyId, OffsetDateTime familyStartedAt, OffsetDateTime now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.familyId = familyId;
        row.familyStartedAt = familyStartedAt;
        row.accountId = accountId;
        row.tokenHash = hash(token);
        row.issuedAt = now;
        OffsetDateTime own = now.plus(config.refreshTokenLifetime());
        OffsetDateTime end = familyEnd(familyStartedAt);
        row.expiresAt = own.isBefore(end) ? own : end;
        row.persist();
        return token;
    }

    /** The row of a presented token, locked against a concurrent refresh with the same token; null if unknown. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RefreshToken findForUpdate(String token) {
        return RefreshToken.find("tokenHash", hash(token)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeFamily(UUID familyId) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null",
                OffsetDateTime.now(), familyId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAllOf(UUID accountId) {
        return RefreshToken.update("revokedAt = ?1 where accountId = ?2 and revokedAt is null",
                OffsetDateTime.now(), accountId);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
