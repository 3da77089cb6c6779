package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Strimzi objects against the event catalogue and the code: topics, KRaft node pool, listener, users and ACLs. */
class KafkaPolicyTest {

    private static final String STRIMZI = "kafka.strimzi.io/v1";

    /** The producing service of a topic: gonghui.honors.* -> honors-service. */
    static String owner(String topic) {
        EventType any = java.util.Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).findFirst()
                .orElseThrow();
        return any.type().split("\\.")[1] + "-service";
    }

    static Set<String> catalogueTopics() {
        Set<String> topics = new TreeSet<>();
        for (EventType type : EventType.values()) {
            topics.add(type.topic());
            topics.add(Topics.deadLetterOf(type.topic()));
        }
        return topics;
    }

    /** Topics a service's code consumes: the event types named in its EventHandler implementations. */
    static Set<String> consumedInCode(String service) {
        Set<String> topics = new TreeSet<>();
        Repo.mainSources(service).forEach(source -> topics.addAll(consumedBy(Repo.read(source))));
        return topics;
    }

    static Set<String> consumedBy(String code) {
        Set<String> topics = new TreeSet<>();
        if (code.contains("implements EventHandler")) {
            for (EventType type : EventType.values()) {
                if (Pattern.compile("\\b" + type.name() + "\\b").matcher(code).find()) {
                    topics.add(type.topic());
                }
            }
        }
        return topics;
    }

    /** Topics a service's code produces: the event records it constructs (then appends to the outbox). */
    static Set<String> producedInCode(String service) {
        Set<String> topics = new TreeSet<>();
        Repo.mainSources(service).forEach(source -> topics.addAll(producedBy(Repo.read(source))));
        return topics;
    }

    static Set<String> producedBy(String code) {
        Set<String> topics = new TreeSet<>();
        for (EventType type : EventType.values()) {
            Matcher m = Pattern.compile("new\\s+" + type.dataClass().getSimpleName() + "\\s*\\(").matcher(code);
            if (m.find()) {
                topics.add(type.topic());
            }
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> acls(GenericKubernetesResource user) {
        return (List<Map<String, Object>>) Rendered.at(user, "spec", "authorization", "acls").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Set<String> topicsWith(GenericKubernetesResource user, String operation) {
        Set<String> topics = new TreeSet<>();
        for (Map<String, Object> acl : acls(user)) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            if ("topic".equals(resource.get("type")) && ((List<String>) acl.get("operations")).contains(operation)) {
                topics.add((String) resource.get("name"));
            }
        }
        return topics;
    }

    @Test
    void theCodeScanRecognisesHandlersAndProducers() {
        String handler = """
                @ApplicationScoped
                class ModelWorkers implements EventHandler {
                    public Set<EventType> handles() { return Set.of(EventType.HONOR_CONFERRED, HOURS_LOGGED); }
                }""";
        assertEquals(Set.of(Topics.HONORS, Topics.VOLUNTEER), consumedBy(handler));
        assertEquals(Set.of(), consumedBy("class Report { EventType t = EventType.AID_PAID; }"),
                "only EventHandler implementations consume");
        assertEquals(Set.of(Topics.WELFARE), producedBy("outbox.append(id, new AidPaid (a, b));"));
        assertEquals(Set.of(), consumedInCode("gateway"));
        assertEquals(Set.of(), producedInCode("gateway"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyTopicOfTheCatalogueExistsWithPartitionsReplicasAndRetention(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        String cluster = rendered.customOne(STRIMZI, "Kafka").getMetadata().getName();
        int brokers = brokers(rendered);
        Set<String> declared = new TreeSet<>();
        for (GenericKubernetesResource topic : rendered.custom(STRIMZI, "KafkaTopic")) {
            String name = (String) Rendered.at(topic, "spec", "topicName").orElse(topic.getMetadata().getName());
            declared.add(name);
            String where = overlay + " topic " + name;
            assertEquals(cluster, topic.getMetadata().getLabels().get("strimzi.io/cluster"), where);
            int partitions = ((Number) Rendered.at(topic, "spec", "partitions").orElseThrow()).intValue();
            int replicas = ((Number) Rendered.at(topic, "spec", "replicas").orElseThrow()).intValue();
            assertTrue(partitions >= 3, where + " partitions");
            assertEquals(Math.min(3, brokers), replicas, where + " replicas for " + brokers + " broker(s)");
            long retention = Long.parseLong(String.valueOf(Rendered.at(topic, "spec", "config", "retention.ms")
                    .orElseThrow(() -> new AssertionError(where + " has no retention.ms"))));
            assertTrue(retention >= 24L * 3600 * 1000, where + " keeps events at least a day");
            int minIsr = Integer.parseInt(String.valueOf(Rendered.at(topic, "spec", "config", "min.insync.replicas")
                    .orElseThrow()));
            assertTrue(replicas == 1 ? minIsr == 1 : minIsr < replicas && minIsr >= 2,
                    where + ": min.insync.replicas " + minIsr + " with " + replicas + " replicas");
        }
        assertEquals(catalogueTopics(), declared, overlay + ": KafkaTopics vs the event catalogue (+ .dlq)");
        for (String service : Repo.EVENT_SERVICES) {
            for (String topic : consumedInCode(service)) {
                assertTrue(declared.contains(topic) && declared.contains(Topics.deadLetterOf(topic)), topic);
            }
            producedInCode(service).forEach(topic -> assertTrue(declared.contains(topic), topic));
        }
    }

    private static int brokers(Rendered rendered) {
        int brokers = 0;
        for (GenericKubernetesResource pool : rendered.custom(STRIMZI, "KafkaNodePool")) {
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) Rendered.at(pool, "spec", "roles").orElseThrow();
            if (roles.contains("broker")) {
                brokers += ((Number) Rendered.at(pool, "spec", "replicas").orElseThrow()).intValue();
            }
        }
        return brokers;
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void kafkaRunsInKraftModeWithTheRightNumberOfNodes(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        GenericKubernetesResource kafka = rendered.customOne(STRIMZI, "Kafka");
        assertFalse(Rendered.at(kafka, "spec", "zookeeper").isPresent(), "KRaft: no ZooKeeper");
        List<GenericKubernetesResource> pools = rendered.custom(STRIMZI, "KafkaNodePool");
        Set<String> roles = new TreeSet<>();
        for (GenericKubernetesResource pool : pools) {
            assertEquals(kafka.getMetadata().getName(), pool.getMetadata().getLabels().get("strimzi.io/cluster"));
            @SuppressWarnings("unchecked")
            List<String> poolRoles = (List<String>) Rendered.at(pool, "spec", "roles").orElseThrow();
            roles.addAll(poolRoles);
        }
        assertEquals(Set.of("broker", "controller"), roles, "brokers and KRaft controllers");
        assertEquals(overlay.equals("production") ? 3 : 1, brokers(rendered), overlay + " brokers");
        assertEquals("simple", Rendered.at(kafka, "spec", "kafka", "authorization", "type").orElseThrow());
        assertEquals(Boolean.FALSE, Rendered.at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")
                .orElseThrow(), "topics exist only as KafkaTopics");
        int replication = ((Number) Rendered.at(kafka, "spec", "kafka", "config", "offsets.topic.replication.factor")
                .orElseThrow()).intValue();
        assertEquals(Math.min(3, brokers(rendered)), replication, "consumer offsets replication");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    @SuppressWarnings("unchecked")
    void servicesUseTheTlsScramListenerWithTheirOwnUser(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        GenericKubernetesResource kafka = rendered.customOne(STRIMZI, "Kafka");
        String cluster = kafka.getMetadata().getName();
        var listeners = (List<Map<String, Object>>) Rendered.at(kafka, "spec", "kafka", "listeners").orElseThrow();
        for (String service : Repo.EVENT_SERVICES) {
            Deployment deployment = rendered.deployment(service);
            Container container = Rendered.mainContainer(deployment);
            Map<String, String> env = rendered.environment(container);
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            assertNotNull(bootstrap, service);
            String[] hostPort = bootstrap.split(":");
            assertEquals(cluster + "-kafka-bootstrap", hostPort[0], service + " bootstrap service");
            int port = Integer.parseInt(hostPort[1]);
            Map<String, Object> listener = listeners.stream()
                    .filter(l -> ((Number) l.get("port")).intValue() == port).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " uses port " + port + ": no such listener"));
            assertEquals(Boolean.TRUE, listener.get("tls"), service + " listener is TLS");
            assertEquals("scram-sha-512", ((Map<String, Object>) listener.get("authentication")).get("type"));
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
            assertEquals("secret:" + service + "/sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG"),
                    service + " authenticates as KafkaUser " + service + " (its application and group name)");
            assertEquals(service, Repo.applicationProperties(service).getProperty("quarkus.application.name"));
            // the truststore is the cluster CA that Strimzi publishes
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
            var mount = container.getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow(
                            () -> new AssertionError(service + ": " + truststore + " is not mounted"));
            var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertEquals(cluster + "-cluster-ca-cert", volume.getSecret().getSecretName());
            assertTrue(volume.getSecret().getItems().stream().anyMatch(i -> i.getKey().equals("ca.crt")
                    && truststore.equals(mount.getMountPath() + "/" + i.getPath())), service);
        }
        assertFalse(rendered.environment(Rendered.mainContainer(rendered.deployment("gateway")))
                .containsKey("KAFKA_SASL_JAAS_CONFIG"), "the gateway has no Kafka identity");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    @SuppressWarnings("unchecked")
    void eachServiceWritesOnlyItsOwnTopicAndReadsOnlyWhatItConsumes(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<GenericKubernetesResource> users = rendered.custom(STRIMZI, "KafkaUser");
        assertEquals(Set.copyOf(Repo.EVENT_SERVICES),
                Set.copyOf(users.stream().map(u -> u.getMetadata().getName()).toList()));
        for (GenericKubernetesResource user : users) {
            String service = user.getMetadata().getName();
            assertEquals("scram-sha-512", Rendered.at(user, "spec", "authentication", "type").orElseThrow());
            List<String> problems = new ArrayList<>();
            for (Map<String, Object> acl : acls(user)) {
                Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
                List<String> operations = (List<String>) acl.get("operations");
                if (!"literal".equals(resource.getOrDefault("patternType", "literal"))
                        || "*".equals(resource.get("name"))) {
                    problems.add("wildcard or prefix ACL " + resource);
                }
                if (operations.contains("All") || "deny".equals(acl.get("type"))) {
                    problems.add("broad or deny ACL " + acl);
                }
                switch ((String) resource.get("type")) {
                    case "topic" -> {
                    }
                    case "group" -> {
                        if (!service.equals(resource.get("name")) || !operations.equals(List.of("Read"))) {
                            problems.add("group ACL other than Read on its own group: " + acl);
                        }
                    }
                    default -> problems.add("ACL on " + resource.get("type") + ": " + acl);
                }
            }
            assertEquals(List.of(), problems, overlay + " " + service);

            Set<String> reads = topicsWith(user, "Read");
            Set<String> writes = topicsWith(user, "Write");
            Set<String> expectedWrites = new TreeSet<>();
            for (EventType type : EventType.values()) {
                if (owner(type.topic()).equals(service)) {
                    expectedWrites.add(type.topic());
                }
            }
            reads.forEach(topic -> expectedWrites.add(Topics.deadLetterOf(topic)));
            assertEquals(expectedWrites, writes, service + ": its own topic and the DLQs of what it reads");
            assertFalse(reads.stream().anyMatch(t -> owner(t).equals(service) || t.endsWith(Topics.DLQ_SUFFIX)),
                    service + " reads its own topic or a DLQ: " + reads);
            assertTrue(reads.containsAll(consumedInCode(service)),
                    service + " consumes " + consumedInCode(service) + " but may read only " + reads);
            assertTrue(writes.containsAll(producedInCode(service)),
                    service + " produces " + producedInCode(service) + " but may write only " + writes);
            Set<String> described = topicsWith(user, "Describe");
            assertTrue(described.containsAll(reads) && described.containsAll(writes), service + " Describe");
        }
    }
}
