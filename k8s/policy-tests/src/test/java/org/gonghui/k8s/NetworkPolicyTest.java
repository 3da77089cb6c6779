package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Who may talk to whom, evaluated over the rendered NetworkPolicies: default deny, ingress controller -> gateway only,
 * gateway -> the three services, services -> gateway (JWKS), services -> their database and Kafka, DNS for all.
 */
class NetworkPolicyTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private record Suite(NetworkPolicies policies, Map<String, NetworkPolicies.Pod> pods) {
        NetworkPolicies.Pod pod(String name) {
            return pods.get(name);
        }
    }

    private static Suite suite(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Map<String, NetworkPolicies.Pod> pods = new HashMap<>();
        for (Deployment deployment : rendered.deployments()) {
            Map<String, Integer> ports = new HashMap<>();
            Rendered.mainContainer(deployment).getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
            String name = deployment.getMetadata().getName();
            pods.put(name, new NetworkPolicies.Pod(name, Repo.NAMESPACE,
                    deployment.getSpec().getTemplate().getMetadata().getLabels(), ports));
        }
        // pods the operators create, with the labels they give them
        String pgCluster = rendered.customOne("postgresql.cnpg.io/v1", "Cluster").getMetadata().getName();
        pods.put("postgres", new NetworkPolicies.Pod("postgres", Repo.NAMESPACE,
                Map.of("cnpg.io/cluster", pgCluster, "cnpg.io/instanceRole", "primary"), Map.of("postgresql", 5432)));
        String kafka = rendered.customOne("kafka.strimzi.io/v1", "Kafka").getMetadata().getName();
        pods.put("kafka", new NetworkPolicies.Pod("kafka", Repo.NAMESPACE, Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka", "strimzi.io/broker-role", "true"),
                Map.of()));
        pods.put("kafka-exporter", new NetworkPolicies.Pod("kafka-exporter", Repo.NAMESPACE, Map.of(
                "strimzi.io/cluster", kafka, "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka-exporter"),
                Map.of()));
        pods.put("ingress-controller", new NetworkPolicies.Pod("ingress-controller", "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of()));
        pods.put("prometheus", new NetworkPolicies.Pod("prometheus", "monitoring",
                Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
        pods.put("stranger", new NetworkPolicies.Pod("stranger", Repo.NAMESPACE, Map.of("app", "debug-shell"),
                Map.of()));
        pods.put("other-namespace", new NetworkPolicies.Pod("other-namespace", "default", Map.of("app", "web"),
                Map.of()));
        pods.put("dns", new NetworkPolicies.Pod("dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of()));

        List<NetworkPolicy> policies = new ArrayList<>(rendered.all(NetworkPolicy.class));
        policies.add(strimziListenerPolicy(rendered.customOne("kafka.strimzi.io/v1", "Kafka")));
        return new Suite(new NetworkPolicies(policies, Repo.NAMESPACE), pods);
    }

    /**
     * Strimzi generates the ingress NetworkPolicy of its broker pods from each listener's networkPolicyPeers (all
     * sources when none are given). Rebuilt here from the rendered Kafka object, for the listener ports.
     */
    @SuppressWarnings("unchecked")
    private static NetworkPolicy strimziListenerPolicy(GenericKubernetesResource kafka) {
        var listeners = (List<Map<String, Object>>) Rendered.at(kafka, "spec", "kafka", "listeners").orElseThrow();
        var builder = new NetworkPolicyBuilder().withNewMetadata().withName("strimzi-generated").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelector(null, Map.of("strimzi.io/name",
                        kafka.getMetadata().getName() + "-kafka")))
                .withPolicyTypes("Ingress");
        for (Map<String, Object> listener : listeners) {
            List<NetworkPolicyPeer> peers = listener.get("networkPolicyPeers") == null ? List.of()
                    : ((List<Object>) listener.get("networkPolicyPeers")).stream()
                            .map(p -> JSON.convertValue(p, NetworkPolicyPeer.class)).toList();
            builder.addNewIngress().withFrom(peers).addNewPort().withProtocol("TCP")
                    .withNewPort(((Number) listener.get("port")).intValue()).endPort().endIngress();
        }
        return builder.endSpec().build();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everythingIsDeniedUnlessAllowed(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<NetworkPolicy> defaultDeny = rendered.all(NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels() == null
                        || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                .filter(p -> p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))
                .filter(p -> p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty()).toList();
        assertEquals(1, defaultDeny.size(), overlay + ": one default-deny policy for all pods");
        Suite suite = suite(overlay);
        assertFalse(suite.policies().allows(suite.pod("stranger"), suite.pod("gateway"), 8080));
        assertFalse(suite.policies().allows(suite.pod("other-namespace"), suite.pod("gateway"), 8080));
        assertFalse(suite.policies().allows(suite.pod("stranger"), suite.pod("postgres"), 5432));
        assertFalse(suite.policies().allows(suite.pod("other-namespace"), suite.pod("honors-service"), 8081));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyDeploymentIsCoveredByItsOwnPolicy(String overlay) {
        Suite suite = suite(overlay);
        for (String service : Repo.SERVICES) {
            long specific = suite.policies().selecting(suite.pod(service)).stream()
                    .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                            && !p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                    .count();
            assertTrue(specific >= 1, overlay + ": " + service + " has no NetworkPolicy of its own");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void theIngressControllerReachesTheGatewayOnly(String overlay) {
        Suite suite = suite(overlay);
        NetworkPolicies policies = suite.policies();
        var controller = suite.pod("ingress-controller");
        assertTrue(policies.allows(controller, suite.pod("gateway"), 8080));
        assertFalse(policies.allows(controller, suite.pod("honors-service"), 8081));
        assertFalse(policies.allows(controller, suite.pod("welfare-service"), 8082));
        assertFalse(policies.allows(controller, suite.pod("volunteer-service"), 8083));
        assertFalse(policies.allows(controller, suite.pod("postgres"), 5432));
        assertFalse(policies.allows(controller, suite.pod("kafka"), 9093));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void theGatewayReachesTheServicesAndTheServicesOnlyItsJwks(String overlay) {
        Suite suite = suite(overlay);
        NetworkPolicies policies = suite.policies();
        var gateway = suite.pod("gateway");
        Map<String, Integer> ports = Map.of("honors-service", 8081, "welfare-service", 8082, "volunteer-service", 8083);
        for (String service : Repo.EVENT_SERVICES) {
            assertTrue(policies.allows(gateway, suite.pod(service), ports.get(service)), "gateway -> " + service);
            assertTrue(policies.allows(suite.pod(service), gateway, 8080), service + " -> gateway JWKS");
            for (String other : Repo.EVENT_SERVICES) {
                if (!other.equals(service)) {
                    assertFalse(policies.allows(suite.pod(service), suite.pod(other), ports.get(other)),
                            service + " -> " + other + ": services talk through events, not calls");
                }
            }
            assertTrue(policies.allows(suite.pod("prometheus"), suite.pod(service), ports.get(service)),
                    "Prometheus scrapes " + service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void servicesReachTheirDatabaseAndKafkaAndTheGatewayOnlyTheDatabase(String overlay) {
        Suite suite = suite(overlay);
        NetworkPolicies policies = suite.policies();
        for (String service : Repo.SERVICES) {
            assertTrue(policies.allows(suite.pod(service), suite.pod("postgres"), 5432), service + " -> PostgreSQL");
            assertTrue(policies.allows(suite.pod(service), suite.pod("dns"), 53), service + " -> DNS");
        }
        for (String service : Repo.EVENT_SERVICES) {
            assertTrue(policies.allows(suite.pod(service), suite.pod("kafka"), 9093), service + " -> Kafka");
            assertFalse(policies.allows(suite.pod(service), suite.pod("kafka"), 9092), service + " -> plaintext");
        }
        assertFalse(policies.allows(suite.pod("gateway"), suite.pod("kafka"), 9093),
                "the gateway has no business with Kafka");
        assertFalse(policies.allows(suite.pod("stranger"), suite.pod("kafka"), 9093));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void prometheusScrapesTheConsumerLagAndNobodyElse(String overlay) {
        Suite suite = suite(overlay);
        NetworkPolicies policies = suite.policies();
        assertTrue(policies.allows(suite.pod("prometheus"), suite.pod("kafka-exporter"), 9404));
        assertFalse(policies.allows(suite.pod("stranger"), suite.pod("kafka-exporter"), 9404));
        assertFalse(policies.allows(suite.pod("kafka-exporter"), suite.pod("gateway"), 8080));
    }
}
