package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;

/**
 * The Kafka client settings each event service ends up with in the cluster, computed by Quarkus' own
 * {@link KafkaRuntimeConfigProducer} (the source of the platform's {@code default-kafka-broker} map) from the
 * container's rendered environment plus the service's application.properties. Proves that the KAFKA_* variables of
 * the ConfigMaps and secrets become the intended client properties, and that none of them is a typo Kafka ignores.
 */
class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"%s\" password=\"from-the-strimzi-secret\";";

    static Map<String, Object> clientSettings(Rendered rendered, String service) {
        Config config = ServiceConfig.of(rendered, service,
                value -> value.equals("secret:" + service + "/sasl.jaas.config") ? JAAS.formatted(service) : value);
        ApplicationConfig application = (ApplicationConfig) Proxy.newProxyInstance(
                ApplicationConfig.class.getClassLoader(), new Class<?>[] { ApplicationConfig.class },
                (proxy, method, args) -> method.getName().equals("name") ? Optional.of(service) : Optional.empty());
        return new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void eventServicesConnectWithScramOverTlsToTheClusterBootstrap(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        String cluster = rendered.customOne("kafka.strimzi.io/v1", "Kafka").getMetadata().getName();
        for (String service : Repo.EVENT_SERVICES) {
            Map<String, Object> settings = clientSettings(rendered, service);
            String where = overlay + " " + service;
            assertEquals(cluster + "-kafka-bootstrap:9093", settings.get("bootstrap.servers"), where);
            assertEquals("SASL_SSL", settings.get("security.protocol"), where);
            assertEquals("SCRAM-SHA-512", settings.get("sasl.mechanism"), where);
            assertEquals(JAAS.formatted(service), settings.get("sasl.jaas.config"), where);
            assertEquals("PEM", settings.get("ssl.truststore.type"), where);
            assertEquals("/etc/gonghui/kafka-ca/ca.crt", settings.get("ssl.truststore.location"), where);
            assertEquals(service, settings.get("group.id"), where + ": the group its KafkaUser may read");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everySettingIsOneKafkaKnowsAndParses(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Set<String> known = new TreeSet<>();
        known.addAll(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        // read by the platform's KafkaSettings and removed before the clients see them
        Set<String> platformOnly = Set.of("health.enabled", "devservices.enabled", "snappy.enabled");
        for (String service : Repo.EVENT_SERVICES) {
            Map<String, Object> settings = new HashMap<>(clientSettings(rendered, service));
            platformOnly.forEach(settings::remove);
            List<String> unknown = settings.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
            assertEquals(List.of(), unknown, overlay + " " + service + ": settings no Kafka client knows (a typo?)");
            // the clients' own parsing and validation of every value (enums, types)
            Map<String, Object> consumer = new HashMap<>(settings);
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            assertEquals("SASL_SSL", new ConsumerConfig(consumer).getString("security.protocol"));
            Map<String, Object> producer = new HashMap<>(settings);
            producer.remove(ConsumerConfig.GROUP_ID_CONFIG);
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            assertTrue(new ProducerConfig(producer).getList("bootstrap.servers").size() == 1, service);
        }
    }
}
