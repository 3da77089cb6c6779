package org.gonghui.platform.testing;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import io.quarkus.security.Authenticated;

/** Fails when a JAX-RS resource method of a service declares neither roles nor {@code @PermitAll}. */
public final class EndpointSecurityAssertions {

    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class);
    private static final List<Class<? extends Annotation>> DECLARATIONS = List.of(RolesAllowed.class,
            PermitAll.class, DenyAll.class, Authenticated.class);

    private EndpointSecurityAssertions() {
    }

    /** @return the resource methods found, so the caller can also assert that the scan saw them */
    public static List<String> assertEveryEndpointDeclaresRoles(String basePackage) {
        List<String> endpoints = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (Class<?> type : classesUnder(basePackage)) {
            // a resource may inherit its methods from a platform base class (e.g. the audit search)
            for (Class<?> declaring = type; declaring != null && declaring != Object.class; declaring = declaring
                    .getSuperclass()) {
                Class<?> owner = declaring;
                for (Method method : owner.getDeclaredMethods()) {
                    if (HTTP_METHODS.stream().noneMatch(method::isAnnotationPresent)) {
                        continue;
                    }
                    String name = type.getSimpleName() + "." + method.getName();
                    endpoints.add(name);
                    boolean declared = DECLARATIONS.stream().anyMatch(a -> method.isAnnotationPresent(a)
                            || owner.isAnnotationPresent(a) || type.isAnnotationPresent(a));
                    if (!declared) {
                        undeclared.add(name);
                    }
                }
            }
        }
        if (!undeclared.isEmpty()) {
            throw new AssertionError("resource methods without @RolesAllowed or @PermitAll: " + undeclared);
        }
        return endpoints;
    }

    private static List<Class<?>> classesUnder(String basePackage) {
        List<Class<?>> classes = new ArrayList<>();
        String path = basePackage.replace('.', '/');
        try {
            Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (!"file".equals(root.getProtocol()) || root.getPath().contains("test-classes")) {
                    continue;
                }
                Path dir = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = dir.relativize(file).toString().replace('/', '.');
                        String className = basePackage + "." + relative.substring(0, relative.length() - 6);
                        classes.add(Class.forName(className, false, Thread.currentThread().getContextClassLoader()));
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
