package tokenstream.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The three services of the pipeline, each a Quarkus application in the module of the same name. */
public enum Service {
    CONSUMERS, RELAY, INGEST;

    /** The module folder and the name used in logs and messages. */
    public String moduleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * JVM options the service runs with wherever this project launches it (the local stack, the benchmarks, the
     * container image's {@code JAVA_GC} for the relay), chosen by measurement. The relay runs the parallel
     * collector: in a broadcast profile G1's concurrent refinement took 16 % of its CPU, because every delivery
     * stores young objects into long-lived queues and Netty's outbound buffers; the parallel collector has no
     * refinement, cut the relay's CPU by 15-25 % at the same rate, and paused 10-20 ms per young collection at the
     * relay's 70 MB live set (docs/benchmarks.md, issue 16). The others keep G1: nothing measured says otherwise.
     */
    public List<String> jvmOptions() {
        return this == RELAY ? List.of("-XX:+UseParallelGC") : List.of();
    }

    /** The fast-jar launcher that {@code ./mvnw package} produces for this service. */
    public Path appJar(Path repoRoot) {
        return repoRoot.resolve(moduleName()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
