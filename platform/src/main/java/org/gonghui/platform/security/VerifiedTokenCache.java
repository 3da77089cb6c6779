package org.gonghui.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.consumer.JwtContext;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers bearer tokens that smallrye-jwt has verified, so a client repeating its token does not pay an RS256
 * verification per request (the top frame of welfare's submit profile). Plugged in the documented way: an
 * alternative {@link JWTCallerPrincipalFactory}, which smallrye-jwt's parser (and so Quarkus's bearer-token
 * mechanism) injects; a service opts in with the build property {@code gonghui.jwt.verified-token-cache.enabled=true}.
 * <p>
 * Only successful verifications are remembered, keyed by the raw token string (equality on the whole string, so no
 * collisions) and by the verification settings they passed (another context, e.g. another key, verifies afresh). An
 * entry lives until the token's {@code exp} but at most {@code max-age}: the verifier's own JWKS is only refreshed
 * every few minutes, so a key withdrawn from the gateway's JWKS stops admitting its tokens here no later than it
 * would without the cache. A token with an unknown {@code kid}, a bad signature, a wrong issuer or audience, no
 * {@code exp}, or expired, is refused by the verifier and never enters.
 */
@Singleton
@Alternative
@Priority(1)
@IfBuildProperty(name = "gonghui.jwt.verified-token-cache.enabled", stringValue = "true")
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private record Entry(JWTAuthContextInfo context, JWTCallerPrincipal principal, long validUntilMillis) {
    }

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokenCache(VerifiedTokenCacheConfig config) {
        this(new Verifier(), Clock.systemUTC(), config.maxEntries(), config.maxAge());
    }

    /** smallrye-jwt's own verification, answering with a {@link VerifiedPrincipal}. */
    static final class Verifier extends JWTCallerPrincipalFactory {
        private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            JwtContext verified = parser.parse(token, context);
            String type = verified.getJoseObjects().get(0).getHeader("typ");
            return new VerifiedPrincipal(type, verified.getJwtClaims());
        }
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, Clock clock, int maxEntries, Duration maxAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal remembered = remembered(token, context);
        if (remembered != null) {
            return remembered;
        }
        long now = clock.millis();
        JWTCallerPrincipal principal = verifier.parse(token, context); // throws for anything the verifier refuses
        // exp is required by the verifier; without one (if that were ever relaxed) nothing is remembered
        long expiresMillis = principal.getClaim(Claims.exp.name()) instanceof Number exp ? exp.longValue() * 1000 : 0;
        if (maxEntries > 0 && expiresMillis > now) {
            if (verified.size() >= maxEntries) {
                evict(now);
            }
            verified.put(token, new Entry(context, principal, Math.min(expiresMillis, now + maxAgeMillis)));
        }
        return principal;
    }

    /**
     * The principal of a token these verification settings admitted and that is still remembered, or {@code null};
     * never verifies (a map lookup), so an event loop may call it and leave misses to {@link #parse} on a worker.
     */
    public JWTCallerPrincipal remembered(String token, JWTAuthContextInfo context) {
        Entry entry = verified.get(token);
        return entry != null && entry.context() == context && clock.millis() < entry.validUntilMillis()
                ? entry.principal()
                : null;
    }

    private void evict(long now) {
        verified.values().removeIf(e -> e.validUntilMillis() <= now);
        if (verified.size() >= maxEntries) {
            verified.clear(); // many live tokens at once: start over; a miss costs one verification
        }
    }

    int size() {
        return verified.size();
    }
}
