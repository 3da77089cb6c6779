package org.gonghui.contracts;

/** CloudEvents 1.0 Kafka binary-mode header names, plus the headers Gonghui adds. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context of the transaction that wrote the event. */
    public static final String TRACEPARENT = "traceparent";
    /** Set on dead-lettered records: why the consumer gave up. */
    public static final String DLQ_ERROR = "gonghui_dlq_error";
    /** Set on dead-lettered records: the consumer group that gave up. */
    public static final String DLQ_CONSUMER = "gonghui_dlq_consumer";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
