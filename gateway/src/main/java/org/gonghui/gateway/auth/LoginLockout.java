package org.gonghui.gateway.auth;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Issue 19.8: when a username may not try a password from an address, read from the attempt log, so it holds for
 * unknown usernames exactly as for accounts (the answer never tells them apart), across restarts and replicas.
 * <ul>
 * <li>Pair lock: {@code max-failures} wrong passwords for the username from this address within {@code lock-duration}
 * (since the pair's last success and the admin's last unlock) lock that pair until fewer remain in the window. A
 * stranger guessing from elsewhere locks out only itself.</li>
 * <li>Back-off: after {@code global-max-failures} wrong passwords for the username from all addresses within the
 * window, addresses that have not logged in to it within {@code known-address-memory} get one password check per
 * {@code global-backoff}. That slows a guesser with many addresses without locking out the owner, who keeps its
 * usual address and waits seconds at worst elsewhere.</li>
 * </ul>
 */
@ApplicationScoped
public class LoginLockout {

    private final EntityManager em;
    private final AuthConfig config;

    public LoginLockout(EntityManager em, AuthConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Seconds until this username may try a password from this address again; 0 when it may now. */
    public long retryAfterSeconds(String username, String clientIp, OffsetDateTime resetAt, OffsetDateTime now) {
        OffsetDateTime window = latest(now.minus(config.lockDuration()), resetAt);
        OffsetDateTime pairSince = latest(window, lastSuccess(username, clientIp, window));
        List<OffsetDateTime> pairFailures = em.createQuery("""
                select a.attemptedAt from LoginAttempt a
                where a.username = :u and a.clientIp = :ip and a.succeeded = false and a.refused = false
                  and a.attemptedAt > :since order by a.attemptedAt desc""", OffsetDateTime.class)
                .setParameter("u", username).setParameter("ip", clientIp).setParameter("since", pairSince)
                .setMaxResults(config.maxFailures()).getResultList();
        if (pairFailures.size() >= config.maxFailures()) {
            return secondsUntil(pairFailures.get(config.maxFailures() - 1).plus(config.lockDuration()), now);
        }
        Object[] global = em.createQuery("""
                select count(a), max(a.attemptedAt) from LoginAttempt a
                where a.username = :u and a.succeeded = false and a.refused = false and a.attemptedAt > :since""",
                Object[].class).setParameter("u", username).setParameter("since", window).getSingleResult();
        if (((Number) global[0]).longValue() >= config.globalMaxFailures()
                && lastSuccess(username, clientIp, now.minus(config.knownAddressMemory())) == null) {
            OffsetDateTime next = ((OffsetDateTime) global[1]).plus(config.globalBackoff());
            if (next.isAfter(now)) {
                return secondsUntil(next, now);
            }
        }
        return 0;
    }

    private OffsetDateTime lastSuccess(String username, String clientIp, OffsetDateTime since) {
        return em.createQuery("""
                select max(a.attemptedAt) from LoginAttempt a
                where a.username = :u and a.clientIp = :ip and a.succeeded = true and a.attemptedAt > :since""",
                OffsetDateTime.class).setParameter("u", username).setParameter("ip", clientIp)
                .setParameter("since", since).getSingleResult();
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static long secondsUntil(OffsetDateTime until, OffsetDateTime now) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }
}
