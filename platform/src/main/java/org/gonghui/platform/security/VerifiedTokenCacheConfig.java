package org.gonghui.platform.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of {@link VerifiedTokenCache}. A mapping rather than loose properties so that a module with its own
 * {@code gonghui.jwt} mapping (the gateway's token issuing) accepts these keys instead of refusing them as unknown.
 */
@ConfigMapping(prefix = "gonghui.jwt.verified-token-cache")
public interface VerifiedTokenCacheConfig {

    /** Build time: whether the cache replaces smallrye-jwt's principal factory (read by {@code @IfBuildProperty}). */
    @WithDefault("false")
    boolean enabled();

    /** Bound of remembered tokens; 0 remembers none. */
    @WithDefault("1000")
    int maxEntries();

    /** An entry is verified again after this even before its {@code exp}. */
    @WithDefault("60s")
    Duration maxAge();
}
