package org.gonghui.k8s;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration a service sees in a pod, built the way Quarkus builds it: SmallRye Config with the container's
 * environment (ordinal 300) over the service's application.properties (250), prod profile, expressions expanded.
 * Secret values, which are not in the render, stand in as {@code secret:<name>/<key>} unless replaced.
 */
final class ServiceConfig {

    private ServiceConfig() {
    }

    static SmallRyeConfig of(Rendered rendered, String service, UnaryOperator<String> secretValues) {
        Map<String, String> env = new HashMap<>();
        rendered.environment(Rendered.mainContainer(rendered.deployment(service)))
                .forEach((name, value) -> env.put(name, secretValues.apply(value)));
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(Repo.applicationProperties(service), "application.properties",
                        250))
                .build();
    }

    static SmallRyeConfig of(Rendered rendered, String service) {
        return of(rendered, service, UnaryOperator.identity());
    }
}
