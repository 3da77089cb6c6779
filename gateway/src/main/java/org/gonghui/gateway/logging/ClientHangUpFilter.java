package org.gonghui.gateway.logging;

import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;
import io.vertx.core.http.StreamResetException;

/**
 * Drops Vert.x's {@code ERROR ... Stream reset: 0} lines, logged whenever a client hangs up mid-request (wrk at the
 * end of every run). The reverse proxy then resets its own request to the service to free the connection, and
 * Vert.x logs that reset at ERROR because the proxy set no exception handler on the upstream request or response;
 * the gateway has already dealt with the hang-up ({@code Upstream.ClientGone}: not a service failure, nobody left to
 * answer). The services speak HTTP/1.1, which has no stream resets of its own, so a stream reset on these two loggers
 * is always that local reset; anything else they log, and every other logger, passes.
 */
@LoggingFilter(name = "client-hang-up")
public final class ClientHangUpFilter implements Filter {

    static final Set<String> UPSTREAM_CLIENT_LOGGERS = Set.of("io.vertx.core.http.impl.HttpClientRequestImpl",
            "io.vertx.core.http.impl.HttpClientResponseImpl");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!UPSTREAM_CLIENT_LOGGERS.contains(record.getLoggerName())) {
            return true;
        }
        boolean reset = record.getThrown() instanceof StreamResetException
                || (record.getThrown() == null && record.getMessage() != null
                        && record.getMessage().startsWith("Stream reset: "));
        return !reset;
    }
}
