package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Both overlays render, parse into typed objects without unknown fields, and conform to the operators' CRDs. */
class RenderTest {

    /** Operator objects of kinds whose CRD is not among the shared ones; each with the reason it is accepted. */
    private static final Set<String> WITHOUT_CRD_HERE = Set.of(
            // Barman Cloud plugin of CloudNativePG (backup component): its CRD is not in /work/shared/k8s-crds
            "barmancloud.cnpg.io/v1 ObjectStore");

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void rendersIntoTypedObjectsWithoutUnknownFields(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        assertTrue(rendered.objects.size() > 30, overlay + " renders only " + rendered.objects.size() + " objects");
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : rendered.objects) {
            boolean builtIn = !(object instanceof GenericKubernetesResource);
            boolean operatorKind = object.getApiVersion().contains("strimzi.io")
                    || object.getApiVersion().contains("cnpg.io");
            assertTrue(builtIn || operatorKind, overlay + ": " + object.getApiVersion() + " " + object.getKind()
                    + " " + object.getMetadata().getName() + " is neither a built-in kind nor an operator resource"
                    + " (a misspelt apiVersion or kind?)");
            UnknownFields.of(object).forEach(path -> unknown.add(object.getKind() + "/"
                    + object.getMetadata().getName() + path));
        }
        assertEquals(List.of(), unknown, overlay + ": fields the Kubernetes API does not know");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyOperatorObjectConformsToItsCrdSchema(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (ObjectNode document : rendered.documents) {
            String apiVersion = document.path("apiVersion").asText();
            String kindKey = apiVersion + " " + document.path("kind").asText();
            if (!apiVersion.contains("strimzi.io") && !apiVersion.contains("cnpg.io")) {
                continue;
            }
            if (WITHOUT_CRD_HERE.contains(kindKey)) {
                continue;
            }
            validated++;
            String name = document.path("metadata").path("name").asText();
            CrdSchemas.validate(document).forEach(m -> problems.add(kindKey + " " + name + ": " + m));
        }
        assertEquals(List.of(), problems, overlay + ": objects that the operators' CRDs refuse");
        // Kafka, node pool, 6 topics, 3 users, Cluster, 4 Databases at least
        assertTrue(validated >= 16, overlay + ": only " + validated + " operator objects validated");
    }

    @Test
    void theSchemaCheckCatchesAMisspeltField() {
        ObjectNode kafka = Rendered.overlay("production").documents.stream()
                .filter(d -> d.path("kind").asText().equals("Kafka")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).set("listners", kafka.path("spec").path("kafka")
                .path("listeners"));
        assertFalse(CrdSchemas.validate(kafka).isEmpty(), "spec.kafka.listners must be refused");

        ObjectNode cluster = Rendered.overlay("production").documents.stream()
                .filter(d -> d.path("kind").asText().equals("Cluster")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) cluster.path("spec")).put("instance", 3);
        assertFalse(CrdSchemas.validate(cluster).isEmpty(), "spec.instance must be refused");

        ObjectNode topic = Rendered.overlay("production").documents.stream()
                .filter(d -> d.path("kind").asText().equals("KafkaTopic")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitions", "six");
        assertFalse(CrdSchemas.validate(topic).isEmpty(), "a string where the CRD wants an integer must be refused");
    }

    @Test
    void theTypedCheckCatchesAMisspeltField() {
        Deployment deployment = Rendered.overlay("production").deployment("gateway");
        ObjectNode document = Rendered.SERIALIZATION.convertValue(deployment, ObjectNode.class);
        ObjectNode container = (ObjectNode) document.path("spec").path("template").path("spec").path("containers")
                .get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));
        HasMetadata typo = Rendered.typed(document);
        assertEquals(List.of(".spec.template.spec.containers[0].readinesProbe"), UnknownFields.of(typo));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everythingLivesInTheGonghuiNamespaceUnderPodSecurityRestricted(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Namespace namespace = rendered.one(Namespace.class, Repo.NAMESPACE);
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        for (HasMetadata object : rendered.objects) {
            if (object instanceof Namespace) {
                continue;
            }
            assertEquals(Repo.NAMESPACE, object.getMetadata().getNamespace(),
                    overlay + ": " + object.getKind() + " " + object.getMetadata().getName());
        }
        assertInstanceOf(Namespace.class, rendered.objects.get(0), "the Namespace is applied first");
    }
}
