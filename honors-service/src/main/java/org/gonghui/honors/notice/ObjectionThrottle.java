package org.gonghui.honors.notice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.platform.errors.ProblemException;

/**
 * Throttles the public objection endpoint per client address: a fixed-window counter per keyed hash of the address
 * in PostgreSQL, so it holds across replicas and restarts, and the address itself is never stored.
 */
@ApplicationScoped
public class ObjectionThrottle {

    private final EntityManager em;
    private final SecretKeySpec pepper;
    private final int maxPerWindow;
    private final Duration window;

    @Inject
    public ObjectionThrottle(EntityManager em,
            @ConfigProperty(name = "gonghui.honors.objections.ip-hash-secret") String secret,
            @ConfigProperty(name = "gonghui.honors.objections.max-per-window", defaultValue = "5") int maxPerWindow,
            @ConfigProperty(name = "gonghui.honors.objections.window", defaultValue = "PT1H") Duration window) {
        this.em = em;
        this.pepper = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.maxPerWindow = maxPerWindow;
        this.window = window;
    }

    public String hash(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(String.valueOf(address).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts this attempt in its own transaction (a refused attempt still counts); 429 beyond the limit. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = ProblemException.class)
    public void acquire(String ipHash) {
        long windowMillis = window.toMillis();
        long start = Instant.now().toEpochMilli() / windowMillis * windowMillis;
        OffsetDateTime windowStart = Instant.ofEpochMilli(start).atOffset(ZoneOffset.UTC);
        Number hits = (Number) em.createNativeQuery("""
                INSERT INTO objection_throttle (ip_hash, window_start, hits) VALUES (?1, ?2, 1)
                ON CONFLICT (ip_hash, window_start) DO UPDATE SET hits = objection_throttle.hits + 1
                RETURNING hits""").setParameter(1, ipHash).setParameter(2, windowStart).getSingleResult();
        if (hits.intValue() > maxPerWindow) {
            long retryAfter = Math.max(1, (start + windowMillis - Instant.now().toEpochMilli()) / 1000);
            throw new ProblemException(429, "objections-throttled", "Too Many Requests",
                    "At most " + maxPerWindow + " objections per " + window.toMinutes() + " minutes from one address")
                    .with("retryAfterSeconds", retryAfter);
        }
    }
}
