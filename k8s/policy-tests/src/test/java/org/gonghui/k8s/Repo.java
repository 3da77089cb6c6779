package org.gonghui.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Where things are in the repository, and the few files of other modules that the policies compare against. */
final class Repo {

    /** The four deployable modules; the Deployment, Service and image of each carry the module name. */
    static final List<String> SERVICES = List.of("gateway", "honors-service", "welfare-service", "volunteer-service");
    /** The services that produce and consume events (the gateway does neither). */
    static final List<String> EVENT_SERVICES = List.of("honors-service", "welfare-service", "volunteer-service");
    static final List<String> OVERLAYS = List.of("local", "production");
    static final String NAMESPACE = "gonghui";

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("gonghui.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("../..");
        return root.toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static String projectVersion() {
        String version = System.getProperty("gonghui.project.version");
        if (version == null) {
            throw new IllegalStateException("system property gonghui.project.version is not set (run through Maven)");
        }
        return version;
    }

    /** The service's main application.properties, as written (profiles and ${...} expressions untouched). */
    static Properties applicationProperties(String service) {
        Path file = root().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java sources of a module's main code. */
    static List<Path> mainSources(String module) {
        Path dir = root().resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
