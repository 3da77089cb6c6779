package org.gonghui.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where {@code /api/v1/<service>/**} goes and how the gateway protects itself and the services. */
@ConfigMapping(prefix = "gonghui.routing")
public interface RoutingConfig {

    /** Service name (the path segment after {@code /api/v1/}) to base URL, e.g. honors=http://localhost:8081. */
    Map<String, String> upstreams();

    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest wait for a byte from a service before answering 503. */
    @WithDefault("30s")
    Duration timeout();

    /** Longest a request body may take to arrive, however slowly it trickles (slow-loris guard): 408 and close. */
    @WithDefault("20s")
    Duration bodyTimeout();

    /** The same for text/csv imports, which may be 20 MiB on a slow county link. */
    @WithDefault("5m")
    Duration csvBodyTimeout();

    @WithDefault("1048576")
    long jsonBodyLimit();

    /** Imports: text/csv and xlsx bodies. */
    @WithDefault("20971520")
    long csvBodyLimit();

    /** Endpoints the contract marks (public): {@code METHOD path-regex}. */
    List<String> publicEndpoints();

    CircuitBreaker circuitBreaker();

    interface CircuitBreaker {
        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker answers 503 at once before trying the service again. */
        @WithDefault("5s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }
}
