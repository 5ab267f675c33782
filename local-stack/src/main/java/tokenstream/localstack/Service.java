package tokenstream.localstack;

import java.nio.file.Path;
import java.util.Locale;

/** The three services of the pipeline, each a Quarkus application in the module of the same name. */
public enum Service {
    CONSUMERS, RELAY, INGEST;

    /** The module folder and the name used in logs and messages. */
    public String moduleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fast-jar launcher that {@code ./mvnw package} produces for this service. */
    public Path appJar(Path repoRoot) {
        return repoRoot.resolve(moduleName()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
