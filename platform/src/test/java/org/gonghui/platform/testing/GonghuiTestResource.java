package org.gonghui.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real infrastructure of a service under test: a Kafka broker, a fresh PostgreSQL database and the token
 * verification key. Register once per test module with
 * {@code @QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)}.
 */
public class GonghuiTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String module = System.getProperty("gonghui.test.module",
                java.nio.file.Path.of("").toAbsolutePath().getFileName().toString());
        return Map.of(
                "kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                // the environment name maps onto kafka.bootstrap.servers too; a developer's shell must not win
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", TestPostgres.jdbcUrl(module),
                "quarkus.datasource.username", TestPostgres.username(),
                "quarkus.datasource.password", TestPostgres.password(),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyPem().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // broker and database live for the whole JVM; shutdown hooks remove them
    }
}
