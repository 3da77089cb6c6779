package org.gonghui.platform.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * One real Apache Kafka broker (KRaft, broker + controller) per test JVM, started on first use on random loopback
 * ports and deleted at JVM exit.
 */
public final class TestKafka {

    private static EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true);
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
        }
        return broker.getAdvertisedListeners();
    }

    /** Stops the broker (fault tests); the next {@link #bootstrapServers()} starts a new one. */
    public static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
