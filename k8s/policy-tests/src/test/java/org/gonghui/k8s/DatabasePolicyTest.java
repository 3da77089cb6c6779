package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** CloudNativePG: instances, one database and owner per service, connection isolation, TLS, backups. */
class DatabasePolicyTest {

    private static final String CNPG = "postgresql.cnpg.io/v1";

    record Connection(String host, int port, String database, Map<String, String> parameters) {
        static Connection parse(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            Map<String, String> parameters = new HashMap<>();
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            return new Connection(uri.getHost(), uri.getPort(), uri.getPath().substring(1), parameters);
        }
    }

    /** Database name in the service's own application.properties (jdbc:postgresql://${...}/gonghui_x). */
    static String databaseOfTheApplication(String service) {
        String url = Repo.applicationProperties(service).getProperty("quarkus.datasource.jdbc.url");
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    @SuppressWarnings("unchecked")
    static Optional<String> roleOfSecret(GenericKubernetesResource cluster, String secret) {
        var initdb = (Map<String, Object>) Rendered.at(cluster, "spec", "bootstrap", "initdb").orElse(Map.of());
        if (initdb.get("secret") instanceof Map<?, ?> s && secret.equals(s.get("name"))) {
            return Optional.of((String) initdb.get("owner"));
        }
        var roles = (List<Map<String, Object>>) Rendered.at(cluster, "spec", "managed", "roles").orElse(List.of());
        return roles.stream().filter(r -> r.get("passwordSecret") instanceof Map<?, ?> s && secret.equals(s.get("name")))
                .map(r -> (String) r.get("name")).findFirst();
    }

    /** database -> owner, from the Database objects and the initdb bootstrap. */
    @SuppressWarnings("unchecked")
    static Map<String, String> owners(Rendered rendered, GenericKubernetesResource cluster) {
        Map<String, String> owners = new HashMap<>();
        var initdb = (Map<String, Object>) Rendered.at(cluster, "spec", "bootstrap", "initdb").orElse(Map.of());
        if (initdb.containsKey("database")) {
            owners.put((String) initdb.get("database"), (String) initdb.get("owner"));
        }
        for (GenericKubernetesResource database : rendered.custom(CNPG, "Database")) {
            assertEquals(cluster.getMetadata().getName(), Rendered.at(database, "spec", "cluster", "name").orElseThrow());
            String name = (String) Rendered.at(database, "spec", "name").orElseThrow();
            String owner = (String) Rendered.at(database, "spec", "owner").orElseThrow();
            String previous = owners.put(name, owner);
            assertTrue(previous == null || previous.equals(owner), name + " declared with two owners");
        }
        return owners;
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void oneReplicatedClusterWithoutSuperuserAccess(String overlay) {
        GenericKubernetesResource cluster = Rendered.overlay(overlay).customOne(CNPG, "Cluster");
        int instances = ((Number) Rendered.at(cluster, "spec", "instances").orElseThrow()).intValue();
        assertEquals(overlay.equals("production") ? 3 : 1, instances, overlay);
        assertEquals(Boolean.FALSE, Rendered.at(cluster, "spec", "enableSuperuserAccess").orElseThrow());
        String image = (String) Rendered.at(cluster, "spec", "imageName").orElseThrow();
        assertTrue(image.matches(".+:\\d+\\.\\d+.*"), "PostgreSQL image pinned to a minor version: " + image);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    void eachServiceOwnsItsDatabaseAndCanConnectToNoOther(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        GenericKubernetesResource cluster = rendered.customOne(CNPG, "Cluster");
        String clusterName = cluster.getMetadata().getName();
        Map<String, String> owners = owners(rendered, cluster);
        @SuppressWarnings("unchecked")
        List<String> hba = (List<String>) Rendered.at(cluster, "spec", "postgresql", "pg_hba").orElseThrow();
        Set<String> databases = new HashSet<>();
        Set<String> roles = new HashSet<>();
        for (String service : Repo.SERVICES) {
            Deployment deployment = rendered.deployment(service);
            Container container = Rendered.mainContainer(deployment);
            Map<String, String> env = rendered.environment(container);
            Connection connection = Connection.parse(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals(clusterName + "-rw", connection.host(), service + " writes to the primary");
            assertEquals(5432, connection.port());
            assertEquals(databaseOfTheApplication(service), connection.database(),
                    service + ": the same database name as in its application.properties");
            assertEquals("verify-full", connection.parameters().get("sslmode"), service);
            String rootCert = connection.parameters().get("sslrootcert");
            var mount = container.getVolumeMounts().stream().filter(m -> rootCert.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + ": " + rootCert + " not mounted"));
            var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertEquals(clusterName + "-ca", volume.getSecret().getSecretName(), service + " trusts the cluster CA");

            String username = env.get("QUARKUS_DATASOURCE_USERNAME");
            String password = env.get("QUARKUS_DATASOURCE_PASSWORD");
            assertTrue(username.startsWith("secret:") && username.endsWith("/username"), service + " " + username);
            String secret = username.substring("secret:".length(), username.lastIndexOf('/'));
            assertEquals("secret:" + secret + "/password", password, service);
            String role = roleOfSecret(cluster, secret).orElseThrow(() -> new AssertionError(
                    service + ": secret " + secret + " is the password of no PostgreSQL role"));
            assertEquals(role, owners.get(connection.database()), service + ": " + connection.database()
                    + " must be owned by the role the service logs in as");
            assertTrue(databases.add(connection.database()) && roles.add(role), service + " shares a database/role");

            rendered.find(Secret.class, secret).ifPresent(s -> assertEquals(role, decode(s, "username"),
                    overlay + ": secret " + secret + " names another user"));

            List<String> allowing = hba.stream().map(l -> Arrays.asList(l.trim().split("\\s+")))
                    .filter(f -> !f.get(f.size() - 1).equals("reject"))
                    .filter(f -> Arrays.asList(f.get(2).split(",")).contains(role) || f.get(2).equals("all"))
                    .map(f -> String.join(" ", f)).toList();
            assertEquals(List.of("hostssl " + connection.database() + " " + role + " all scram-sha-256"), allowing,
                    service + ": pg_hba lets role " + role + " in only to its database, over TLS");
            assertTrue(hba.stream().anyMatch(l -> l.matches("host\\s+all\\s+\\S*\\b" + role + "\\b\\S*\\s+all\\s+reject")),
                    service + ": every other connection of " + role + " is rejected");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    @SuppressWarnings("unchecked")
    void theConnectionPoolsOfAllReplicasFitIntoPostgres(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        GenericKubernetesResource cluster = rendered.customOne(CNPG, "Cluster");
        int maxConnections = Integer.parseInt((String) Rendered.at(cluster, "spec", "postgresql", "parameters",
                "max_connections").orElseThrow());
        var roles = (List<Map<String, Object>>) Rendered.at(cluster, "spec", "managed", "roles").orElse(List.of());
        int total = 0;
        List<String> budget = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            int maxReplicas = rendered.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service)).findFirst().orElseThrow()
                    .getSpec().getMaxReplicas();
            // Agroal's default pool size is 20 when the service does not set one
            int pool = ServiceConfig.of(rendered, service)
                    .getOptionalValue("quarkus.datasource.jdbc.max-size", Integer.class).orElse(20);
            int needed = maxReplicas * pool;
            total += needed;
            budget.add(service + " " + maxReplicas + "x" + pool);
            String role = roleOfSecret(cluster, "gonghui-pg-" + service.replace("-service", "")).orElseThrow();
            roles.stream().filter(r -> role.equals(r.get("name")) && r.get("connectionLimit") != null).findFirst()
                    .ifPresent(r -> assertTrue(((Number) r.get("connectionLimit")).intValue() >= needed,
                            overlay + ": role " + role + " may open fewer connections than " + needed));
        }
        // superuser_reserved_connections (3) and the replication connections of the standbys come on top
        int reserve = 3 + ((Number) Rendered.at(cluster, "spec", "instances").orElseThrow()).intValue() + 10;
        assertTrue(total + reserve <= maxConnections, overlay + ": " + budget + " = " + total
                + " connections (+ " + reserve + " reserved) exceed max_connections " + maxConnections);
    }

    private static String decode(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "production" })
    @SuppressWarnings("unchecked")
    void productionBacksUpContinuouslyAndDaily(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        GenericKubernetesResource cluster = rendered.customOne(CNPG, "Cluster");
        var plugins = (List<Map<String, Object>>) Rendered.at(cluster, "spec", "plugins").orElse(List.of());
        List<GenericKubernetesResource> schedules = rendered.custom(CNPG, "ScheduledBackup");
        if (overlay.equals("local")) {
            assertEquals(List.of(), new ArrayList<>(schedules), "no backups on a laptop cluster");
            return;
        }
        assertTrue(plugins.stream().anyMatch(p -> Boolean.TRUE.equals(p.get("isWALArchiver"))),
                "WAL archiving to the object store");
        assertEquals(1, schedules.size());
        GenericKubernetesResource schedule = schedules.get(0);
        assertEquals(cluster.getMetadata().getName(), Rendered.at(schedule, "spec", "cluster", "name").orElseThrow());
        assertEquals("plugin", Rendered.at(schedule, "spec", "method").orElseThrow());
        String pluginName = (String) Rendered.at(schedule, "spec", "pluginConfiguration", "name").orElseThrow();
        assertTrue(plugins.stream().anyMatch(p -> pluginName.equals(p.get("name"))), pluginName);
        String objectStore = (String) ((Map<String, Object>) plugins.get(0).get("parameters")).get("barmanObjectName");
        assertFalse(rendered.custom("barmancloud.cnpg.io/v1", "ObjectStore").stream()
                .noneMatch(o -> o.getMetadata().getName().equals(objectStore)), "ObjectStore " + objectStore);
        assertEquals(6, ((String) Rendered.at(schedule, "spec", "schedule").orElseThrow()).split(" ").length,
                "CloudNativePG schedules have six fields (seconds first)");
    }
}
