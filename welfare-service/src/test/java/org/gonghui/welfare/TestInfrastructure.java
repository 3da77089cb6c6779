package org.gonghui.welfare;

import java.util.Map;

import org.gonghui.platform.testing.GonghuiTestResource;
import org.gonghui.platform.testing.TestKafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Every @QuarkusTest of this module runs against a real Kafka broker and a fresh real PostgreSQL database. */
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestInfrastructure.SuiteEnvOverride.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {

    /**
     * {@code ./suite up} writes a {@code .env} with {@code KAFKA_BOOTSTRAP_SERVERS} (for quarkus:dev) into the module
     * directory; Quarkus maps that name into the Kafka client settings too, where it would beat the test broker's
     * {@code kafka.bootstrap.servers}. Pin it to the test broker as well.
     */
    public static class SuiteEnvOverride implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
        }

        @Override
        public void stop() {
        }
    }
}
