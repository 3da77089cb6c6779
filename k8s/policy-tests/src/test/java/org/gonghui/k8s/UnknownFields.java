package org.gonghui.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * fabric8's model never fails on a field it does not know: it keeps it in {@code additionalProperties}. This walks a
 * typed object and reports every such field with its path, so that {@code readinesProbe:} or a field at the wrong
 * level fails the build instead of being silently dropped by the API server.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> of(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
            return;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith("io.fabric8.") || type.isEnum()) {
            return; // strings, numbers, booleans
        }
        if (node instanceof GenericKubernetesResource) {
            return; // custom resources are checked against their CRD schema instead
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (name.equals("getAdditionalProperties")) {
                Object extra = invoke(getter, node);
                if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
                    map.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else if (name.startsWith("get") && name.length() > 3) {
                String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                walk(invoke(getter, node), path + "." + field, found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a computed getter that does not apply; the data getters never throw
        }
    }
}
