package org.gonghui.k8s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One overlay rendered by {@code kubectl kustomize}: the raw documents (for CRD schema validation) and the same
 * documents parsed into fabric8's typed model (for the policies). Rendered once per test JVM and overlay.
 */
final class Rendered {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    final String overlay;
    final List<ObjectNode> documents;
    final List<HasMetadata> objects;

    private Rendered(String overlay, List<ObjectNode> documents, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.documents = documents;
        this.objects = objects;
    }

    static Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, n -> render(Repo.k8s().resolve("overlays").resolve(n), n));
    }

    /** k8s/base itself: what the images and names are before an overlay changes them. */
    static Rendered base() {
        return CACHE.computeIfAbsent("../base", n -> render(Repo.k8s().resolve("base"), "base"));
    }

    static Rendered render(Path directory, String name) {
        String yaml = kustomize(directory);
        List<ObjectNode> documents = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    documents.add((ObjectNode) node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered YAML of " + name + " does not parse", e);
        }
        List<HasMetadata> objects = documents.stream().map(Rendered::typed).toList();
        return new Rendered(name, List.copyOf(documents), objects);
    }

    /** Parses one document into its typed model class; kinds fabric8 does not know become GenericKubernetesResource. */
    static HasMetadata typed(JsonNode document) {
        KubernetesResource resource = SERIALIZATION.unmarshal(document.toString(), KubernetesResource.class);
        if (!(resource instanceof HasMetadata object)) {
            throw new AssertionError("not a Kubernetes object: " + document);
        }
        return object;
    }

    static String kustomize(Path directory) {
        String kubectl = System.getProperty("gonghui.kubectl", "kubectl");
        ProcessBuilder builder = new ProcessBuilder(kubectl, "kustomize", directory.toString());
        try {
            Process process = builder.start();
            // read both streams fully before waiting: a full pipe would block kubectl
            var stderr = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> copy(process.getErrorStream(), stderr), "kubectl-stderr");
            errors.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 60 s");
            }
            errors.join(5_000);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue()
                        + "):\n" + stderr.toString(StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + kubectl + "' (kubectl 1.27+ with kustomize is needed on the PATH,"
                    + " or -Dgonghui.kubectl=/path/to/kubectl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the exit code tells the story
        }
    }

    // ------------------------------------------------------------------ look-ups

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    List<GenericKubernetesResource> custom(String apiVersion, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind())).toList();
    }

    GenericKubernetesResource customOne(String apiVersion, String kind) {
        List<GenericKubernetesResource> found = custom(apiVersion, kind);
        if (found.size() != 1) {
            throw new AssertionError(overlay + ": expected exactly one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** A ConfigMap by the name it is generated under (kustomize appends a content hash: gonghui-suite-5h8d467k2f). */
    ConfigMap configMap(String name) {
        List<ConfigMap> found = all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)
                || c.getMetadata().getName().matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}")).toList();
        if (found.size() != 1) {
            throw new AssertionError(overlay + ": expected one ConfigMap " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    Deployment deployment(String name) {
        return one(Deployment.class, name);
    }

    static Container mainContainer(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " has no container named " + name));
    }

    static Stream<Container> allContainers(Deployment deployment) {
        var spec = deployment.getSpec().getTemplate().getSpec();
        return Stream.concat(spec.getContainers().stream(),
                spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream());
    }

    /**
     * The environment a container starts with, as Kubernetes builds it: envFrom ConfigMaps in order (later ones win),
     * then explicit env entries. Values from secrets are shown as {@code secret:<name>/<key>}.
     */
    Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (var source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    ConfigMap map = one(ConfigMap.class, source.getConfigMapRef().getName());
                    String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                    map.getData().forEach((k, v) -> env.put(prefix + k, v));
                }
                if (source.getSecretRef() != null) {
                    throw new AssertionError("envFrom a whole Secret hides which keys are used: "
                            + source.getSecretRef().getName());
                }
            }
        }
        if (container.getEnv() != null) {
            for (var var : container.getEnv()) {
                if (var.getValueFrom() == null) {
                    env.put(var.getName(), var.getValue());
                } else if (var.getValueFrom().getSecretKeyRef() != null) {
                    var ref = var.getValueFrom().getSecretKeyRef();
                    env.put(var.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
                } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = var.getValueFrom().getConfigMapKeyRef();
                    env.put(var.getName(), one(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
                } else {
                    env.put(var.getName(), "fieldRef");
                }
            }
        }
        return env;
    }

    /** A value inside a custom resource, by path of field names; empty when any step is missing. */
    @SuppressWarnings("unchecked")
    static Optional<Object> at(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return Optional.empty();
            }
            current = ((Map<String, Object>) map).get(step);
        }
        return Optional.ofNullable(current);
    }
}
