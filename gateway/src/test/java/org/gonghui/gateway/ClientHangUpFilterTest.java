package org.gonghui.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.gonghui.gateway.logging.ClientHangUpFilter;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.StreamResetException;

/** Only the proxy's own reset after a client hang-up is dropped; other errors of the same loggers stay. */
class ClientHangUpFilterTest {

    private final ClientHangUpFilter filter = new ClientHangUpFilter();

    private static LogRecord record(String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void theResetAfterAHangUpIsDropped() {
        // as logged in gateway.log at the end of a wrk run: the request without, the response with the exception
        assertFalse(filter.isLoggable(record("io.vertx.core.http.impl.HttpClientRequestImpl", "Stream reset: 0", null)));
        assertFalse(filter.isLoggable(record("io.vertx.core.http.impl.HttpClientResponseImpl", "Stream reset: 0",
                new StreamResetException(0))));
    }

    @Test
    void otherErrorsOfTheSameLoggersAndOtherLoggersPass() {
        assertTrue(filter.isLoggable(record("io.vertx.core.http.impl.HttpClientRequestImpl", "Connection was closed",
                null)));
        assertTrue(filter.isLoggable(record("io.vertx.core.http.impl.HttpClientResponseImpl", "Stream reset: 0",
                new IllegalStateException("something else"))));
        assertTrue(filter.isLoggable(record("io.vertx.core.impl.ContextImpl", "Stream reset: 0", null)));
        assertTrue(filter.isLoggable(record("org.gonghui.gateway.routing.Upstream", "Stream reset: 0",
                new StreamResetException(0))));
    }
}
