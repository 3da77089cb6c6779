package org.gonghui.gateway.routing;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.VerifiedTokenCache;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * Checks the bearer token before a request is forwarded, with the same verification settings as the gateway's own
 * endpoints ({@code mp.jwt.verify.*}: RS256, issuer, audience, the {@code org} claim). The parser's principal factory
 * is the platform's {@link VerifiedTokenCache} (as in the services), which remembers verified tokens: a remembered
 * token is admitted on the event loop from memory, without a worker hop; any other token goes through
 * {@link JWTParser#parse} on a worker thread (RSA check, perhaps a JWKS fetch), which then remembers it.
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
    private final VerifiedTokenCache verifiedTokens;
    /** the settings the parser verifies with; remembered tokens are looked up under the same ones */
    private final JWTAuthContextInfo verification;
    private final Vertx vertx;
    private final List<PublicEndpoint> publicEndpoints;

    public TokenGate(JWTParser parser, VerifiedTokenCache verifiedTokens, JWTAuthContextInfo verification, Vertx vertx,
            RoutingConfig config) {
        this.parser = parser;
        this.verifiedTokens = verifiedTokens;
        this.verification = verification;
        this.vertx = vertx;
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
        JsonWebToken remembered = verifiedTokens.remembered(token, verification);
        if (remembered != null) {
            return Future.succeededFuture(admit(remembered));
        }
        return vertx.executeBlocking(() -> verify(token), false);
    }

    private Verdict verify(String token) {
        try {
            return admit(parser.parse(token));
        } catch (ParseException e) {
            return Verdict.REJECTED;
        }
    }

    private static Verdict admit(JsonWebToken jwt) {
        // instanceof: a non-string org claim is refused, not thrown (a hit runs inside the routing handler)
        return jwt.getClaim(OrgScope.ORG_CLAIM) instanceof String org && OrgCodes.isValid(org) ? Verdict.AUTHENTICATED
                : Verdict.REJECTED;
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
