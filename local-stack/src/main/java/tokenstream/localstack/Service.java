package tokenstream.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The three services of the pipeline, each a Quarkus application in the module of the same name. */
public enum Service {
    CONSUMERS, RELAY, INGEST;

    /** The module folder and the name used in logs and messages. */
    public String moduleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * JVM options this service runs with besides the heap size; {@code -Dtokenstream.jvm-options.<module>="..."} on
     * the launching JVM replaces them (separated by spaces or {@code ;}), for experiments.
     */
    public List<String> jvmOptions() {
        String override = System.getProperty("tokenstream.jvm-options." + moduleName());
        if (override != null) {
            return Arrays.stream(override.trim().split("[\\s;]+")).filter(option -> !option.isEmpty()).toList();
        }
        return defaultJvmOptions();
    }

    private List<String> defaultJvmOptions() {
        return List.of();
    }

    /** The service whose {@link #appJar} this is ({@code <repo>/<module>/target/quarkus-app/quarkus-run.jar}), if any. */
    public static Optional<Service> ofAppJar(Path appJar) {
        Path path = appJar.toAbsolutePath().normalize();
        for (Service service : values()) {
            if (path.endsWith(Path.of(service.moduleName(), "target", "quarkus-app", "quarkus-run.jar"))) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The fast-jar launcher that {@code ./mvnw package} produces for this service. */
    public Path appJar(Path repoRoot) {
        return repoRoot.resolve(moduleName()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
