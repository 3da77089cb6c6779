package org.gonghui.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Watches the gateway's log for requests that failed because something wrote a second answer after the first:
 * Vert.x refuses with "Response has already been written" and Quarkus logs the request as failed. The client got the
 * first answer, so only the log shows it. Also remembers messages a test waits for, to know a late path has run.
 */
final class DoubleWrites extends Handler {

    private static final String REFUSAL = "Response has already been written";

    private final List<String> doubleWrites = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    static DoubleWrites watch() {
        DoubleWrites handler = new DoubleWrites();
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        // JBoss Logging's debugf/errorf keep the pattern in getMessage(); the formatted text has the values
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        messages.add(String.valueOf(message));
        boolean refused = String.valueOf(message).contains(REFUSAL);
        for (Throwable t = record.getThrown(); t != null && !refused; t = t.getCause()) {
            refused = String.valueOf(t.getMessage()).contains(REFUSAL);
        }
        if (refused) {
            doubleWrites.add(record.getLoggerName() + ": " + message);
        }
    }

    /** The failed requests seen so far, e.g. {@code io.quarkus...QuarkusErrorHandler: HTTP Request to /x failed...}. */
    List<String> seen() {
        return List.copyOf(doubleWrites);
    }

    boolean logged(String fragment) {
        return messages.stream().anyMatch(m -> m.contains(fragment));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
