package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Deployments, their containers, images, disruption budgets, autoscalers, Services and the Ingress. */
class WorkloadPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void exactlyTheFourServicesAreDeployed(String overlay) {
        List<String> names = Rendered.overlay(overlay).deployments().stream().map(d -> d.getMetadata().getName())
                .sorted().toList();
        assertEquals(Repo.SERVICES.stream().sorted().toList(), names);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyContainerHasHealthProbesOnTheQuarkusEndpoints(String overlay) {
        for (Deployment deployment : Rendered.overlay(overlay).deployments()) {
            Container container = Rendered.mainContainer(deployment);
            String where = overlay + " " + container.getName();
            assertProbe(where + " startup", container.getStartupProbe(), "/q/health/started", container);
            assertProbe(where + " liveness", container.getLivenessProbe(), "/q/health/live", container);
            assertProbe(where + " readiness", container.getReadinessProbe(), "/q/health/ready", container);
            // the startup probe gives a slow first start (Flyway, Kafka) at least 2 minutes before liveness counts
            Probe startup = container.getStartupProbe();
            assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 120, where);
        }
    }

    private static void assertProbe(String where, Probe probe, String path, Container container) {
        assertNotNull(probe, where + " probe missing");
        assertNotNull(probe.getHttpGet(), where + " probe is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), where);
        String port = probe.getHttpGet().getPort().getStrVal();
        assertTrue(container.getPorts().stream().anyMatch(p -> p.getName().equals(port)),
                where + " probes port " + port + " that the container does not declare");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyContainerHasRequestsAndLimitsSizedForTheMeasuredRss(String overlay) {
        for (Deployment deployment : Rendered.overlay(overlay).deployments()) {
            Rendered.allContainers(deployment).forEach(container -> {
                String where = overlay + " " + container.getName();
                var resources = container.getResources();
                assertNotNull(resources, where);
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(resources.getRequests().get(resource), where + " requests." + resource);
                    assertNotNull(resources.getLimits().get(resource), where + " limits." + resource);
                    assertTrue(bytes(resources.getRequests().get(resource))
                            <= bytes(resources.getLimits().get(resource)), where + " request above limit");
                }
                // a JVM service with -Xmx256m measured 200-250 MiB RSS: the request covers it, the limit leaves
                // room for the heap share set by JAVA_MAX_MEM_RATIO plus metaspace, threads and buffers
                long memoryRequest = bytes(resources.getRequests().get("memory"));
                long memoryLimit = bytes(resources.getLimits().get("memory"));
                assertTrue(memoryRequest >= 256L << 20, where + " memory request below the measured RSS");
                assertTrue(memoryLimit >= 384L << 20 && memoryLimit <= 2048L << 20, where + " memory limit");
            });
        }
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyPodMeetsPodSecurityRestricted(String overlay) {
        for (Deployment deployment : Rendered.overlay(overlay).deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String service = deployment.getMetadata().getName();
            int jibUser = Integer.parseInt(Repo.applicationProperties(service).getProperty("quarkus.jib.user"));
            assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC()), service);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), service + " needs no API access");
            assertEquals(Boolean.FALSE, pod.getEnableServiceLinks(),
                    service + ": service-link variables (KAFKA_...) would leak into the Kafka client settings");
            Rendered.allContainers(deployment).forEach(c -> {
                String where = overlay + " " + c.getName();
                var context = c.getSecurityContext();
                assertNotNull(context, where + " securityContext");
                boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                        || pod.getSecurityContext() != null
                                && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
                assertTrue(nonRoot, where + " runAsNonRoot");
                Long user = context.getRunAsUser() != null ? context.getRunAsUser()
                        : pod.getSecurityContext().getRunAsUser();
                assertEquals(jibUser, user, where + " runs as another user than the image's (quarkus.jib.user)");
                assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), where + " privilege escalation");
                assertFalse(Boolean.TRUE.equals(context.getPrivileged()), where + " privileged");
                assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), where + " drop ALL");
                assertTrue(context.getCapabilities().getAdd() == null || context.getCapabilities().getAdd().isEmpty(),
                        where + " adds capabilities");
                String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                        : pod.getSecurityContext().getSeccompProfile().getType();
                assertEquals("RuntimeDefault", seccomp, where + " seccomp");
                // the root filesystem is read-only: /tmp must be a writable emptyDir
                var tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(where + " has no /tmp mount"));
                var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow();
                assertNotNull(volume.getEmptyDir(), where + " /tmp is not an emptyDir");
                assertFalse(Boolean.TRUE.equals(tmp.getReadOnly()), where + " /tmp must be writable");
            });
            pod.getVolumes().forEach(v -> assertTrue(v.getHostPath() == null, service + " mounts a hostPath"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyImageIsTheOneJibBuildsForItsModule(String overlay) {
        for (Deployment deployment : Rendered.overlay(overlay).deployments()) {
            String service = deployment.getMetadata().getName();
            Properties properties = Repo.applicationProperties(service);
            String repository = properties.getProperty("quarkus.container-image.group") + "/"
                    + properties.getProperty("quarkus.container-image.name");
            String image = Rendered.mainContainer(deployment).getImage();
            int colon = image.lastIndexOf(':');
            assertTrue(colon > image.lastIndexOf('/'), overlay + " " + image + " has no tag");
            String name = image.substring(0, colon);
            String tag = image.substring(colon + 1);
            assertTrue(name.equals(repository) || name.endsWith("/" + repository),
                    overlay + ": " + image + " is not " + repository + " (quarkus.container-image.group/name)");
            assertFalse(image.contains("@") && tag.isEmpty(), image);
            assertFalse(tag.equals("latest"), overlay + ": " + image + " uses latest");
            if (overlay.equals("production")) {
                assertFalse(tag.endsWith("-SNAPSHOT"), "production runs a release, not " + image);
                assertTrue(tag.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?"), "production tag " + tag);
                String registry = name.substring(0, name.indexOf('/'));
                assertTrue(registry.contains(".") || registry.contains(":"),
                        "production pulls from a named registry, not Docker Hub: " + image);
            } else {
                // the tag Jib gives an image by default is the Maven project version
                assertEquals(Repo.projectVersion(), tag, overlay + ": " + image);
                assertEquals(repository, name, overlay + ": images loaded into kind/minikube keep Jib's name");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void replicasAutoscalerAndDisruptionBudgetFitEachOther(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        int expectedReplicas = overlay.equals("production") ? 2 : 1;
        for (Deployment deployment : rendered.deployments()) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(expectedReplicas, deployment.getSpec().getReplicas(), overlay + " " + name);
            assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                    name + ": a rollout never drops below the wanted replicas");

            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(b -> NetworkPolicies.matches(b.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, budgets.size(), overlay + ": " + name + " needs exactly one PodDisruptionBudget");
            var budget = budgets.get(0).getSpec();
            // the budget must allow a node drain even at one replica
            assertTrue(budget.getMaxUnavailable() != null && budget.getMaxUnavailable().getIntVal() >= 1
                    || budget.getMinAvailable() != null && budget.getMinAvailable().getIntVal() < expectedReplicas,
                    overlay + ": " + name + " budget blocks every eviction");

            HorizontalPodAutoscaler hpa = rendered.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)
                            && h.getSpec().getScaleTargetRef().getKind().equals("Deployment"))
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no HPA for " + name));
            assertEquals(expectedReplicas, hpa.getSpec().getMinReplicas(), overlay + " " + name);
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), overlay + " " + name);
            assertTrue(hpa.getSpec().getMetrics().stream().anyMatch(m -> m.getResource() != null
                    && m.getResource().getName().equals("cpu")), name + " scales on CPU");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyDeploymentHasAServiceOnItsHttpPortAndMetricsAreScraped(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (Deployment deployment : rendered.deployments()) {
            String name = deployment.getMetadata().getName();
            Container container = Rendered.mainContainer(deployment);
            ContainerPort http = container.getPorts().stream().filter(p -> p.getName().equals("http")).findFirst()
                    .orElseThrow();
            int expectedPort = Integer.parseInt(Repo.applicationProperties(name).getProperty("quarkus.http.port"));
            assertEquals(expectedPort, http.getContainerPort(), name + " listens on quarkus.http.port");

            Service service = rendered.one(Service.class, name);
            assertTrue(NetworkPolicies.matches(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                    .withMatchLabels(service.getSpec().getSelector()).build(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels()), name + " Service selects no pod");
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
            assertEquals(expectedPort, service.getSpec().getPorts().get(0).getPort(), name);

            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals("true", annotations.get("prometheus.io/scrape"), name);
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), name);
            assertEquals(String.valueOf(expectedPort), annotations.get("prometheus.io/port"), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void aConfigurationChangeRollsThePodsThatReadIt(String overlay) {
        // environment variables are read at container start: a ConfigMap must change its name (content hash) with
        // its content, so that the Deployment's pod template changes and the pods roll
        for (Deployment deployment : Rendered.overlay(overlay).deployments()) {
            Rendered.mainContainer(deployment).getEnvFrom().forEach(source -> {
                assertNotNull(source.getConfigMapRef(), deployment.getMetadata().getName());
                assertTrue(source.getConfigMapRef().getName().matches(".+-[a-z0-9]{10}"),
                        overlay + ": " + deployment.getMetadata().getName() + " reads ConfigMap "
                                + source.getConfigMapRef().getName() + " without a content hash");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void onlyTheGatewayIsExposedThroughATlsIngress(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<Ingress> ingresses = rendered.all(Ingress.class);
        assertEquals(1, ingresses.size(), overlay);
        var spec = ingresses.get(0).getSpec();
        assertEquals(1, spec.getTls().size());
        String host = spec.getRules().get(0).getHost();
        assertTrue(spec.getTls().get(0).getHosts().contains(host), "the TLS certificate covers " + host);
        assertNotNull(spec.getTls().get(0).getSecretName());
        spec.getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertEquals("gateway", path.getBackend().getService().getName());
            assertEquals("http", path.getBackend().getService().getPort().getName());
        }));
        for (Service service : rendered.all(Service.class)) {
            String type = service.getSpec().getType();
            assertTrue(type == null || type.equals("ClusterIP"), service.getMetadata().getName() + " is " + type);
        }
    }
}
