package org.gonghui.contracts;

/** Kafka topic names. Each topic has a dead-letter twin named {@code <topic>.dlq}. */
public final class Topics {
    public static final String HONORS = "honors.events";
    public static final String WELFARE = "welfare.events";
    public static final String VOLUNTEER = "volunteer.events";
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
