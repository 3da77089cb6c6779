package org.gonghui.platform.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.gonghui.contracts.EventType;

/** A consumed event: CloudEvents attributes, the parsed data record, and where it was read from. */
public record IncomingEvent(
        UUID id,
        EventType type,
        String source,
        String subject,
        OffsetDateTime time,
        String traceparent,
        Record data,
        String topic,
        int partition,
        long offset) {

    public <T extends Record> T dataAs(Class<T> dataClass) {
        return dataClass.cast(data);
    }
}
