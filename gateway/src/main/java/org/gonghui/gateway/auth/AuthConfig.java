package org.gonghui.gateway.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login protection: account lockout and the per-client throttle. */
@ConfigMapping(prefix = "gonghui.auth")
public interface AuthConfig {

    /**
     * Wrong passwords for one username from one client address within {@link #lockDuration()} that lock that pair
     * (issue 19.8): other addresses are not locked out.
     */
    @WithDefault("5")
    int maxFailures();

    /** The window the failures are counted in; the lock lasts until fewer than {@link #maxFailures()} are in it. */
    @WithDefault("15m")
    Duration lockDuration();

    /**
     * Wrong passwords for one username from all addresses within {@link #lockDuration()} after which the username
     * backs off: one password check per {@link #globalBackoff()} from addresses that never logged in to it.
     */
    @WithDefault("20")
    int globalMaxFailures();

    @WithDefault("10s")
    Duration globalBackoff();

    /** How long a successful login keeps its address exempt from the username's back-off. */
    @WithDefault("7d")
    Duration knownAddressMemory();

    /** Failed logins one client address may make within {@link #throttleWindow()} before 429. */
    @WithDefault("20")
    int throttleMaxFailures();

    @WithDefault("1m")
    Duration throttleWindow();

    /** bcrypt cost of new hashes (read by {@code Passwords}). */
    @WithDefault("11")
    int bcryptCost();
}
