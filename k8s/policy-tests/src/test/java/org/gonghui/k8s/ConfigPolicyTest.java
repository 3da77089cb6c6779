package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The configuration each service reads (its application.properties, as the other engineers keep it) is complete in
 * the cluster: required variables set, nothing left on a localhost default, URLs pointing at real Services.
 */
class ConfigPolicyTest {

    private static final Pattern SECRET_LOOKING = Pattern.compile(".*(PASSWORD|SECRET|JAAS|TOKEN|PRIVATE).*");

    /** Quarkus' environment-variable form of a property name: quarkus.datasource.jdbc.url -> QUARKUS_DATASOURCE_JDBC_URL. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** One ${NAME} or ${NAME:fallback} of a property value; fallback already resolved, null when absent. */
    record Expression(String name, String fallback) {
        boolean isVariable() {
            return name.matches("[A-Z0-9_]+");
        }
    }

    /** The value the service sees for a property in the cluster (prod profile), resolving nested ${...}. */
    static String effective(Properties properties, Map<String, String> env, String property) {
        String override = env.get(envName(property));
        if (override != null) {
            return override;
        }
        String raw = properties.getProperty("%prod." + property, properties.getProperty(property));
        return raw == null ? null : resolve(raw, properties, env, new ArrayList<>());
    }

    /**
     * Resolves the expressions of a raw value innermost first, as SmallRye Config does; every expression met is
     * added to {@code seen}. Upper-case names are environment variables, others properties.
     */
    static String resolve(String raw, Properties properties, Map<String, String> env, List<Expression> seen) {
        String value = raw;
        int start;
        while ((start = value.lastIndexOf("${")) >= 0) {
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new AssertionError("unbalanced expression in " + raw);
            }
            String inner = value.substring(start + 2, end);
            int colon = inner.indexOf(':');
            Expression expression = new Expression(colon < 0 ? inner : inner.substring(0, colon),
                    colon < 0 ? null : inner.substring(colon + 1));
            seen.add(expression);
            String resolved = expression.isVariable() ? env.get(expression.name())
                    : effective(properties, env, expression.name());
            if (resolved == null) {
                resolved = expression.fallback() == null ? "<unset " + expression.name() + ">" : expression.fallback();
            }
            value = value.substring(0, start) + resolved + value.substring(end + 1);
        }
        return value;
    }

    static boolean usesKafka(Properties properties) {
        return !("false".equals(properties.getProperty("gonghui.outbox.relay.enabled"))
                && "false".equals(properties.getProperty("gonghui.consumer.enabled")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void everyVariableTheServiceNeedsIsSetAndNothingIsLeftOnALocalhostDefault(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Properties properties = Repo.applicationProperties(service);
            Map<String, String> env = rendered.environment(Rendered.mainContainer(rendered.deployment(service)));
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("%") && !key.startsWith("%prod.")) {
                    continue; // dev and test profiles do not run in the cluster
                }
                String property = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
                if (property.startsWith("kafka.") && !usesKafka(properties)) {
                    continue;
                }
                if (property.startsWith("quarkus.jib.") || property.startsWith("quarkus.container-image.")) {
                    continue; // build time
                }
                List<Expression> expressions = new ArrayList<>();
                resolve(properties.getProperty(key), properties, env, expressions);
                for (Expression expression : expressions) {
                    if (!expression.isVariable()) {
                        continue;
                    }
                    String variable = expression.name();
                    String fallback = expression.fallback();
                    boolean set = env.containsKey(variable) || env.containsKey(envName(property));
                    if (fallback == null && !set) {
                        problems.add(service + ": " + property + " needs " + variable + ", which is not set");
                    } else if (fallback != null && fallback.matches(".*(localhost|127\\.0\\.0\\.1).*") && !set) {
                        problems.add(service + ": " + property + " would use " + fallback + "; set " + variable
                                + " or " + envName(property));
                    }
                }
            }
            for (String required : List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password")) {
                if (!env.containsKey(envName(required))) {
                    problems.add(service + ": " + envName(required) + " is not set for the cluster database");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void smallRyeConfigResolvesTheClusterValuesOfEveryService(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        String issuer = rendered.configMap("gonghui-suite").getData().get("GONGHUI_JWT_ISSUER");
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Map<String, String> env = rendered.environment(Rendered.mainContainer(rendered.deployment(service)));
            var config = ServiceConfig.of(rendered, service);
            assertEquals(env.get("QUARKUS_DATASOURCE_JDBC_URL"), config.getValue("quarkus.datasource.jdbc.url",
                    String.class), service);
            assertTrue(config.getValue("quarkus.datasource.jdbc.url", String.class)
                    .startsWith("jdbc:postgresql://gonghui-pg-rw:5432/"), service);
            assertEquals("secret:gonghui-pg-" + service.replace("-service", "") + "/password",
                    config.getValue("quarkus.datasource.password", String.class), service);
            String jwks = service.equals("gateway") ? "http://localhost:8080/.well-known/jwks.json"
                    : "http://gateway:8080/.well-known/jwks.json";
            assertEquals(jwks, config.getValue("mp.jwt.verify.publickey.location", String.class), service);
            assertEquals(issuer, config.getValue("mp.jwt.verify.issuer", String.class), service);
            if (Repo.EVENT_SERVICES.contains(service)) {
                assertEquals("secret:gonghui-person-ref/secret", config.getValue("gonghui.person-ref.secret",
                        String.class), service);
            } else {
                // the gateway never computes a personRef: it holds no key for it (#19.10)
                assertTrue(config.getOptionalValue("gonghui.person-ref.secret", String.class).isEmpty(), service);
            }
            // every property of the file resolves in the cluster: no required variable left unset
            for (String name : Repo.applicationProperties(service).stringPropertyNames()) {
                if (name.startsWith("%")) {
                    continue;
                }
                try {
                    config.getOptionalValue(name, String.class);
                } catch (RuntimeException e) {
                    problems.add(service + ": " + name + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void tokensAreVerifiedAgainstTheGatewayJwksAndOneIssuer(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Service gateway = rendered.one(Service.class, "gateway");
        int gatewayPort = gateway.getSpec().getPorts().get(0).getPort();
        Set<String> issuers = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            Properties properties = Repo.applicationProperties(service);
            Map<String, String> env = rendered.environment(Rendered.mainContainer(rendered.deployment(service)));
            URI jwks = URI.create(effective(properties, env, "mp.jwt.verify.publickey.location"));
            assertEquals("/.well-known/jwks.json", jwks.getPath(), service);
            if (service.equals("gateway")) {
                assertEquals("localhost", jwks.getHost(), "the gateway reads its own JWKS locally");
                assertEquals(Integer.parseInt(properties.getProperty("quarkus.http.port")), jwks.getPort());
            } else {
                assertEquals("gateway", jwks.getHost(), service + " fetches the JWKS through the gateway Service");
                assertEquals(gatewayPort, jwks.getPort(), service);
            }
            issuers.add(effective(properties, env, "mp.jwt.verify.issuer"));
        }
        assertEquals(1, issuers.size(), overlay + ": every service must expect the issuer the gateway writes");
        URI issuer = URI.create(issuers.iterator().next());
        assertEquals("https", issuer.getScheme());
        String host = rendered.all(Ingress.class).get(0).getSpec().getRules().get(0).getHost();
        assertEquals(host, issuer.getHost(), overlay + ": the issuer names the public host");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void theGatewayHasItsKeysUpstreamsAndAdminCredentials(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Deployment deployment = rendered.deployment("gateway");
        Container container = Rendered.mainContainer(deployment);
        Map<String, String> env = rendered.environment(container);
        assertNotNull(env.get("GONGHUI_JWT_KEY_ID"));
        Map<String, String> upstreams = Map.of("GONGHUI_UPSTREAM_HONORS", "honors-service", "GONGHUI_UPSTREAM_WELFARE",
                "welfare-service", "GONGHUI_UPSTREAM_VOLUNTEER", "volunteer-service");
        upstreams.forEach((variable, service) -> {
            URI uri = URI.create(env.get(variable));
            assertEquals(service, uri.getHost(), variable);
            assertEquals(rendered.one(Service.class, service).getSpec().getPorts().get(0).getPort(), uri.getPort(),
                    variable);
        });
        // the first admin's password comes from a secret; a credentials file would be written into the pod
        assertEquals("secret:gateway-admin/initial-password", env.get("GONGHUI_ADMIN_INITIAL_PASSWORD"));
        assertFalse(env.containsKey("GONGHUI_ADMIN_CREDENTIALS_FILE"), "the root filesystem is read-only");
        // behind the Ingress: the public origin for CORS, client addresses from X-Forwarded-For
        String host = rendered.all(Ingress.class).get(0).getSpec().getRules().get(0).getHost();
        assertEquals("https://" + host, env.get("GONGHUI_CORS_ORIGINS"), overlay);
        assertEquals("true", env.get("GONGHUI_BEHIND_PROXY"));
        for (String variable : List.of("GONGHUI_JWT_SIGNING_KEY_FILE", "GONGHUI_JWT_VERIFY_KEY_FILE")) {
            String file = env.get(variable);
            assertNotNull(file, variable);
            var mount = container.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(variable + "=" + file + " is not mounted"));
            var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertNotNull(volume.getSecret(), variable + " comes from a Secret");
            assertTrue(volume.getSecret().getItems().stream()
                    .anyMatch(i -> file.equals(mount.getMountPath() + "/" + i.getPath())), variable);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void theServicesShareThePersonRefSecretAndTracesAreConfigurable(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Set<String> personRefSources = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            Map<String, String> env = rendered.environment(Rendered.mainContainer(rendered.deployment(service)));
            if (!Repo.EVENT_SERVICES.contains(service)) {
                // the gateway never computes a personRef, so it does not get the key (#19.10)
                assertNull(env.get("GONGHUI_PERSON_REF_SECRET"), service + " holds the personRef secret");
                continue;
            }
            assertNotNull(env.get("GONGHUI_PERSON_REF_SECRET"), service + " has no personRef secret");
            personRefSources.add(env.get("GONGHUI_PERSON_REF_SECRET"));
            assertTrue(Set.of("none", "cdi").contains(env.get("GONGHUI_OTEL_EXPORTER")), service);
            assertTrue(URI.create(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")).getPort() > 0, service);
        }
        assertEquals(1, personRefSources.size(), "personRef joins records across services: one secret");
        assertTrue(personRefSources.iterator().next().startsWith("secret:"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void objectionAddressesAreHashedWithTheirOwnKey(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Map<String, String> env = rendered.environment(Rendered.mainContainer(rendered.deployment("honors-service")));
        assertEquals("secret:gonghui-objection-ip/secret", env.get("GONGHUI_OBJECTION_IP_SECRET"));
        assertEquals("secret:gonghui-objection-ip/secret", ServiceConfig.of(rendered, "honors-service")
                .getValue("gonghui.honors.objections.ip-hash-secret", String.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void noSecretValueSitsInAConfigMapOrAPlainVariable(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            map.getData().keySet().stream().filter(k -> SECRET_LOOKING.matcher(k).matches() && !k.endsWith("_FILE"))
                    .forEach(k -> problems.add("ConfigMap " + map.getMetadata().getName() + " holds " + k));
        }
        for (Deployment deployment : rendered.deployments()) {
            Rendered.allContainers(deployment).forEach(c -> {
                if (c.getEnv() != null) {
                    c.getEnv().stream().filter(e -> e.getValueFrom() == null)
                            .filter(e -> SECRET_LOOKING.matcher(e.getName()).matches() && !e.getName().endsWith("_FILE"))
                            .forEach(e -> problems.add(c.getName() + " sets " + e.getName() + " in plain text"));
                }
            });
        }
        assertEquals(List.of(), problems, overlay);
    }

    @Test
    void theExpressionResolverReadsDefaultsAndOverrides() {
        Properties properties = new Properties();
        properties.setProperty("a.url", "http://${HOST:localhost}:${PORT:1}/x");
        assertEquals("http://localhost:1/x", effective(properties, Map.of(), "a.url"));
        assertEquals("http://db:1/x", effective(properties, Map.of("HOST", "db"), "a.url"));
        assertEquals("direct", effective(properties, Map.of("A_URL", "direct"), "a.url"));
        properties.setProperty("quarkus.http.port", "8080");
        properties.setProperty("jwks", "${GATEWAY:http://localhost:${quarkus.http.port}}/jwks");
        assertEquals("http://localhost:8080/jwks", effective(properties, Map.of(), "jwks"));
        assertEquals("http://gateway:8080/jwks", effective(properties, Map.of("GATEWAY", "http://gateway:8080"), "jwks"));
        List<Expression> seen = new ArrayList<>();
        resolve(properties.getProperty("jwks"), properties, Map.of(), seen);
        assertEquals(List.of(new Expression("quarkus.http.port", null),
                new Expression("GATEWAY", "http://localhost:8080")), seen);
        assertFalse(usesKafka(Repo.applicationProperties("gateway")), "the gateway neither relays nor consumes");
        assertTrue(usesKafka(Repo.applicationProperties("honors-service")));
    }
}
