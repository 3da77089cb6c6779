package org.gonghui.gateway.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.gonghui.gateway.account.Account;
import org.gonghui.gateway.keys.JwtConfig;
import org.gonghui.gateway.keys.KeyRing;
import org.gonghui.platform.security.OrgScope;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs the 15-minute RS256 access token the services verify against the JWKS. */
@Singleton
public class TokenIssuer {

    private final JwtConfig config;
    private final KeyRing keys;

    public TokenIssuer(JwtConfig config, KeyRing keys) {
        this.config = config;
        this.keys = keys;
    }

    public String accessToken(Account account, Instant now) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(account.id.toString())
                .upn(account.username)
                .groups(account.roleSet())
                .claim(OrgScope.ORG_CLAIM, account.orgCode)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenLifetime()));
        if (account.volunteerId != null) {
            claims.claim(OrgScope.VOLUNTEER_CLAIM, account.volunteerId.toString());
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.currentKid()).header("typ", "JWT")
                .sign(keys.signingKey());
    }

    /**
     * A one-minute token the gateway uses itself to ask a service something on behalf of an org (the volunteer
     * check of an account); it belongs to no account ({@code sub} and {@code upn} name the gateway).
     */
    public String serviceToken(String purpose, String orgCode, java.util.Set<String> roles) {
        Instant now = Instant.now();
        return Jwt.issuer(config.issuer()).audience(config.audience()).subject("gateway").upn("gateway:" + purpose)
                .groups(roles).claim(OrgScope.ORG_CLAIM, orgCode).claim("jti", UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(now.plusSeconds(60))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.currentKid()).header("typ", "JWT")
                .sign(keys.signingKey());
    }

    public long accessTokenSeconds() {
        return config.accessTokenLifetime().toSeconds();
    }
}
