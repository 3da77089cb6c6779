package org.gonghui.platform.inbox;

import java.util.Set;

import org.gonghui.contracts.EventType;

/**
 * A service's reaction to events of other services. Implement as an {@code @ApplicationScoped} bean; the
 * {@link EventConsumer} subscribes to the topics of the handled types and calls {@link #handle} inside a transaction
 * that also records the event id in the inbox, so each event takes effect once.
 */
public interface EventHandler {

    Set<EventType> handles();

    void handle(IncomingEvent event);
}
