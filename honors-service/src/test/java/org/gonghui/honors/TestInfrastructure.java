package org.gonghui.honors;

import java.util.Map;

import org.gonghui.platform.testing.GonghuiTestResource;
import org.gonghui.platform.testing.TestKafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Every @QuarkusTest of this module runs against a real Kafka broker and a fresh real PostgreSQL database. */
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestInfrastructure.TestBrokerOverDotEnv.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {

    /**
     * {@code ./suite up} writes {@code KAFKA_BOOTSTRAP_SERVERS} into this module's {@code .env}. Quarkus collects the
     * Kafka client settings from every config name starting with "kafka" in any case, so that name, read from
     * {@code .env}, competes with the test resource's {@code kafka.bootstrap.servers}, and the service under test
     * would talk to the suite's broker (or to none) instead of the test broker. Giving the same name the test
     * broker's address settles it.
     */
    public static class TestBrokerOverDotEnv implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
        }

        @Override
        public void stop() {
            // the broker belongs to the platform's TestKafka
        }
    }
}
