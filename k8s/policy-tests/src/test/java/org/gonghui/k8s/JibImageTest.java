package org.gonghui.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jib settings of every service, as far as they can be checked without a registry: the image name Quarkus will
 * compute (group/name:project version) is the one the manifests run, the user is non-root and the same as the pods',
 * the base image is pinned and overridable, and nothing forces a build or push during an ordinary package.
 */
class JibImageTest {

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "honors-service", "welfare-service", "volunteer-service" })
    void imageCoordinatesFollowTheModule(String service) {
        Properties properties = Repo.applicationProperties(service);
        String pom = Repo.read(Repo.root().resolve(service).resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>quarkus-container-image-jib</artifactId>"), service + " uses Jib");
        assertEquals("gonghui", properties.getProperty("quarkus.container-image.group"), service);
        assertEquals(service, properties.getProperty("quarkus.container-image.name"), service);
        assertEquals(service, artifactId(pom), "image name = module = artifactId");
        // no tag set: Quarkus tags the image with the project version, which the module inherits from the parent
        assertFalse(properties.containsKey("quarkus.container-image.tag"), service + " overrides the tag");
        assertFalse(ownVersion(pom), service + " has a version of its own; the manifests expect the parent's");
        String expected = "gonghui/" + service + ":" + Repo.projectVersion();
        String base = Rendered.mainContainer(Rendered.base().deployment(service)).getImage();
        assertEquals(expected, base, "k8s/base runs the image Jib builds");
        // an ordinary `package` must stay offline-safe
        for (String key : new String[] { "quarkus.container-image.build", "quarkus.container-image.push" }) {
            assertFalse("true".equals(properties.getProperty(key)), service + " " + key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "honors-service", "welfare-service", "volunteer-service" })
    void runtimeSettingsSuitContainers(String service) {
        Properties properties = Repo.applicationProperties(service);
        String user = properties.getProperty("quarkus.jib.user");
        assertNotNull(user, service + " sets quarkus.jib.user");
        assertTrue(user.matches("\\d+") && Integer.parseInt(user) > 0, service + " runs as a numeric non-root user");
        String baseImage = properties.getProperty("quarkus.jib.base-jvm-image");
        Matcher configurable = Pattern.compile("\\$\\{GONGHUI_JIB_BASE_IMAGE:(.+)}").matcher(baseImage);
        assertTrue(configurable.matches(), service + ": base image overridable with GONGHUI_JIB_BASE_IMAGE");
        String defaultBase = configurable.group(1);
        String tag = defaultBase.substring(defaultBase.lastIndexOf(':') + 1);
        assertTrue(defaultBase.lastIndexOf(':') > defaultBase.lastIndexOf('/') && !tag.equals("latest"),
                service + ": base image pinned: " + defaultBase);
        assertTrue(properties.getProperty("quarkus.jib.jvm-additional-arguments", "")
                .contains("-XX:+ExitOnOutOfMemoryError"), service + ": an OOM restarts the pod instead of limping on");
        assertEquals("50", properties.getProperty("quarkus.jib.environment-variables.\"JAVA_MAX_MEM_RATIO\""),
                service + ": heap as a share of the container limit");
        assertEquals("2", properties.getProperty("quarkus.jib.environment-variables.\"MALLOC_ARENA_MAX\""),
                service + ": the malloc arena cap ./suite uses (bench/README, issue 10)");
    }

    private static String artifactId(String pom) {
        String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(withoutParent);
        assertTrue(m.find());
        return m.group(1);
    }

    private static boolean ownVersion(String pom) {
        String head = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
        head = head.substring(0, head.indexOf("<dependencies>") > 0 ? head.indexOf("<dependencies>") : head.length());
        return head.contains("<version>");
    }
}
