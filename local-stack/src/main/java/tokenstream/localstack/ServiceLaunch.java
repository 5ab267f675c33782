package tokenstream.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one service JVM.
 *
 * @param name       shown in messages and as the {@code [name]} prefix of echoed output
 * @param appJar     the service's {@code quarkus-run.jar}
 * @param port       its HTTP port, already claimed (never 0)
 * @param bootstrapServers the Kafka broker it talks to
 * @param properties system properties given to it with {@code -D}, besides port and bootstrap servers
 * @param maxHeap    its {@code -Xmx} value, e.g. {@code 384m}
 * @param logFile    where its standard output and error are appended
 * @param echo       whether its output is also copied to this process's standard output
 * @param jvmOptions JVM options besides the heap size, e.g. GC logging
 */
public record ServiceLaunch(String name, Path appJar, int port, String bootstrapServers,
                            Map<String, String> properties, String maxHeap,
                            Path logFile, boolean echo, List<String> jvmOptions) {
    public ServiceLaunch {
        if (port <= 0) {
            throw new IllegalArgumentException("a service port must be claimed before launch, got " + port);
        }
        properties = Map.copyOf(properties);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A launch with no JVM options beyond the heap size. */
    public ServiceLaunch(String name, Path appJar, int port, String bootstrapServers, Map<String, String> properties,
                         String maxHeap, Path logFile, boolean echo) {
        this(name, appJar, port, bootstrapServers, properties, maxHeap, logFile, echo, List.of());
    }
}
