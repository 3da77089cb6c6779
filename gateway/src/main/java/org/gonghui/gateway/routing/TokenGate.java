package org.gonghui.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * Checks the bearer token before a request is forwarded, with the same verification settings as the gateway's own
 * endpoints ({@code mp.jwt.verify.*}: RS256, issuer, audience, the {@code org} claim). The RSA check runs on a worker
 * thread once per token; a verified token is remembered until it expires so the event loop handles repeats alone.
 */
@Singleton
public class TokenGate {

    /** How a request may pass. */
    public enum Verdict {
        /** a valid token */
        AUTHENTICATED,
        /** no token, but the endpoint is public */
        PUBLIC,
        /** missing or invalid token */
        REJECTED
    }

    private record PublicEndpoint(HttpMethod method, Pattern path) {
    }

    private final JWTParser parser;
    private final Vertx vertx;
    private final List<PublicEndpoint> publicEndpoints;
    private final int cacheSize;
    /** token -> expiry in epoch seconds */
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public TokenGate(JWTParser parser, Vertx vertx, RoutingConfig config) {
        this.parser = parser;
        this.vertx = vertx;
        this.cacheSize = config.verifiedTokenCacheSize();
        this.publicEndpoints = config.publicEndpoints().stream().map(String::strip).map(spec -> {
            int space = spec.indexOf(' ');
            return new PublicEndpoint(HttpMethod.valueOf(spec.substring(0, space)),
                    Pattern.compile(spec.substring(space + 1).strip()));
        }).toList();
    }

    public Future<Verdict> check(HttpMethod method, String path, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Future.succeededFuture(isPublic(method, path) ? Verdict.PUBLIC : Verdict.REJECTED);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.succeededFuture(Verdict.REJECTED);
        }
        String token = authorization.substring(7).strip();
        Long expiry = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (expiry != null && expiry > now) {
            return Future.succeededFuture(Verdict.AUTHENTICATED);
        }
        return vertx.executeBlocking(() -> verify(token), false);
    }

    private Verdict verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            if (!OrgCodes.isValid(jwt.getClaim(OrgScope.ORG_CLAIM))) {
                return Verdict.REJECTED;
            }
            if (verified.size() >= cacheSize) {
                verified.clear(); // crude bound; a re-check costs one RSA verification
            }
            verified.put(token, jwt.getExpirationTime());
            return Verdict.AUTHENTICATED;
        } catch (ParseException e) {
            return Verdict.REJECTED;
        }
    }

    boolean isPublic(HttpMethod method, String path) {
        for (PublicEndpoint endpoint : publicEndpoints) {
            if (endpoint.method().equals(method) && endpoint.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
