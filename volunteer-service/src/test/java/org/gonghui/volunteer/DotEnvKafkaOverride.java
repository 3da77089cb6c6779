package org.gonghui.volunteer;

import java.util.Map;

import org.gonghui.platform.testing.TestKafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * After {@code ./suite up} the module's {@code .env} holds {@code KAFKA_BOOTSTRAP_SERVERS} of the suite's broker.
 * Quarkus builds the Kafka client map from every {@code kafka*} property name, and that env-style name would win
 * over {@code kafka.bootstrap.servers} of the test resource: the tests would talk to the suite's broker (or none).
 * Pointing the env-style name at the test broker too keeps the tests on their own broker.
 */
public class DotEnvKafkaOverride implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
    }
}
