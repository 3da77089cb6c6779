package org.gonghui.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * smallrye-jwt's principal, except that a claim the MicroProfile {@link Claims} enum does not name ({@code org},
 * {@code volunteerId}) is read straight from the verified claims. smallrye-jwt finds a claim's type with
 * {@code Claims.valueOf(name)}, which for such a name throws and catches an IllegalArgumentException, stack trace
 * and all, on every read: on every proxied request at the gateway and every scoped query in the services. For those
 * names its answer is the plain claim value too, so nothing else changes.
 */
final class VerifiedPrincipal extends DefaultJWTCallerPrincipal {

    private static final Set<String> STANDARD_CLAIMS = Stream.of(Claims.values()).map(Claims::name)
            .collect(Collectors.toUnmodifiableSet());

    private final JwtClaims claims;

    VerifiedPrincipal(String tokenType, JwtClaims claims) {
        super(tokenType, claims);
        this.claims = claims;
    }

    @Override
    protected Object getClaimValue(String claimName) {
        return STANDARD_CLAIMS.contains(claimName) ? super.getClaimValue(claimName) : claims.getClaimValue(claimName);
    }
}
