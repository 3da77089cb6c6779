package org.gonghui.gateway.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login protection: account lockout and the per-client throttle. */
@ConfigMapping(prefix = "gonghui.auth")
public interface AuthConfig {

    /** Consecutive wrong passwords that lock an account. */
    @WithDefault("5")
    int maxFailures();

    @WithDefault("15m")
    Duration lockDuration();

    /** Failed logins one client address may make within {@link #throttleWindow()} before 429. */
    @WithDefault("20")
    int throttleMaxFailures();

    @WithDefault("1m")
    Duration throttleWindow();

    /** bcrypt cost of new hashes (read by {@code Passwords}). */
    @WithDefault("11")
    int bcryptCost();
}
