package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** Every secret the manifests refer to is documented (name and key) in k8s/README.md; none is committed for production. */
class SecretPolicyTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** secret name -> keys, from the table under "### 2. Namespace and secrets" of k8s/README.md. */
    static Map<String, Set<String>> documented() {
        String readme = Repo.read(Repo.k8s().resolve("README.md"));
        int start = readme.indexOf("| secret | keys |");
        assertTrue(start >= 0, "k8s/README.md has no secrets table (| secret | keys | ...)");
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (String line : readme.substring(start).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3 || cells[1].contains("---") || cells[1].trim().equals("secret")) {
                continue;
            }
            Set<String> keys = codes(cells[2]);
            for (String name : codes(cells[1])) {
                secrets.computeIfAbsent(name, n -> new TreeSet<>()).addAll(keys);
            }
        }
        return secrets;
    }

    private static Set<String> codes(String cell) {
        Set<String> found = new TreeSet<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Every (secret, key) the rendered objects refer to, with where. */
    @SuppressWarnings("unchecked")
    static Map<String, String> references(Rendered rendered) {
        Map<String, String> references = new TreeMap<>();
        for (Deployment deployment : rendered.deployments()) {
            String where = "Deployment " + deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            Rendered.allContainers(deployment).forEach(c -> {
                if (c.getEnv() != null) {
                    c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                            .forEach(e -> references.put(e.getValueFrom().getSecretKeyRef().getName() + "/"
                                    + e.getValueFrom().getSecretKeyRef().getKey(), where + " env " + e.getName()));
                }
            });
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> {
                assertFalse(v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty(),
                        where + " mounts all of secret " + v.getSecret().getSecretName() + ": list the keys");
                v.getSecret().getItems().forEach(i -> references.put(v.getSecret().getSecretName() + "/" + i.getKey(),
                        where + " volume " + v.getName()));
            });
        }
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> {
                references.put(tls.getSecretName() + "/tls.crt", "Ingress " + ingress.getMetadata().getName());
                references.put(tls.getSecretName() + "/tls.key", "Ingress " + ingress.getMetadata().getName());
            });
        }
        GenericKubernetesResource cluster = rendered.customOne("postgresql.cnpg.io/v1", "Cluster");
        Rendered.at(cluster, "spec", "bootstrap", "initdb", "secret", "name").ifPresent(name -> {
            references.put(name + "/username", "Cluster initdb");
            references.put(name + "/password", "Cluster initdb");
        });
        for (Map<String, Object> role : (List<Map<String, Object>>) Rendered.at(cluster, "spec", "managed", "roles")
                .orElse(List.of())) {
            String name = (String) ((Map<String, Object>) role.get("passwordSecret")).get("name");
            references.put(name + "/username", "Cluster role " + role.get("name"));
            references.put(name + "/password", "Cluster role " + role.get("name"));
        }
        for (GenericKubernetesResource store : rendered.custom("barmancloud.cnpg.io/v1", "ObjectStore")) {
            var credentials = (Map<String, Map<String, String>>) Rendered
                    .at(store, "spec", "configuration", "s3Credentials").orElse(Map.of());
            credentials.values().forEach(ref -> references.put(ref.get("name") + "/" + ref.get("key"),
                    "ObjectStore " + store.getMetadata().getName()));
        }
        return references;
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everySecretReferenceIsDocumented(String overlay) {
        Map<String, Set<String>> documented = documented();
        List<String> undocumented = new ArrayList<>();
        references(Rendered.overlay(overlay)).forEach((ref, where) -> {
            String name = ref.substring(0, ref.indexOf('/'));
            String key = ref.substring(ref.indexOf('/') + 1);
            if (!documented.getOrDefault(name, Set.of()).contains(key)) {
                undocumented.add(ref + " (" + where + ")");
            }
        });
        assertEquals(List.of(), undocumented, overlay + ": secret keys missing from the k8s/README.md table");
    }

    @Test
    void productionCommitsNoSecret() {
        assertEquals(List.of(), Rendered.overlay("production").all(Secret.class).stream()
                .map(s -> s.getMetadata().getName()).toList());
    }

    @Test
    void localSecretsAreMarkedAndMatchTheDocumentedKeys() {
        Map<String, Set<String>> documented = documented();
        List<Secret> secrets = Rendered.overlay("local").all(Secret.class);
        assertFalse(secrets.isEmpty());
        for (Secret secret : secrets) {
            String name = secret.getMetadata().getName();
            assertEquals("true", secret.getMetadata().getLabels().get("gonghui.org/local-only"), name);
            Set<String> keys = new TreeSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            assertTrue(documented.containsKey(name) && documented.get(name).containsAll(keys),
                    name + " " + keys + " vs README " + documented.get(name));
        }
    }

    @Test
    void theReadmeTableIsParsed() {
        Map<String, Set<String>> documented = documented();
        assertEquals(Set.of("username", "password"), documented.get("gonghui-pg-honors"));
        assertEquals(Set.of("sasl.jaas.config", "password"), documented.get("welfare-service"));
    }
}
