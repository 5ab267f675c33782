package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One real Kafka broker (KRaft, broker and controller in one process) running as a child JVM on
 * loopback. Its ports and data survive {@link #stop()}/{@link #kill()} so that {@link #start()} brings
 * the same broker back, which is what failure tests need.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final String quorumVoters;
    private final String clusterId;
    private final Path dataDir;
    private final Map<String, String> extraConfig;
    private final Scram scram;
    private Process process;

    /** A SCRAM-SHA-256 user the broker knows from its first start, for a broker that requires SASL from clients. */
    public record Scram(String user, String password) {
        public Scram {
            if (!user.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("SCRAM user and password: letters, digits, '_' and '-' only");
            }
        }

        /** The client properties that authenticate as this user on the broker's SASL_PLAINTEXT listener. */
        public Map<String, String> clientProperties() {
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-256",
                    "sasl.jaas.config", jaasConfig());
        }

        String jaasConfig() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
        }
    }

    private LocalKafka(int nodeId, int port, int controllerPort, String quorumVoters, String clusterId, Path dataDir,
                       Map<String, String> extraConfig) {
        this(nodeId, port, controllerPort, quorumVoters, clusterId, dataDir, extraConfig, null);
    }

    private LocalKafka(int nodeId, int port, int controllerPort, String quorumVoters, String clusterId, Path dataDir,
                       Map<String, String> extraConfig, Scram scram) {
        this.scram = scram;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.dataDir = dataDir;
        this.extraConfig = extraConfig;
    }

    /** One node of a {@link LocalKafkaCluster}: broker and controller, voting in the given quorum. */
    static LocalKafka clusterNode(int nodeId, int port, int controllerPort, String quorumVoters, String clusterId,
                                  Path dataDir, Map<String, String> extraConfig) {
        return new LocalKafka(nodeId, port, controllerPort, quorumVoters, clusterId, dataDir.toAbsolutePath(),
                Map.copyOf(extraConfig));
    }

    /**
     * A broker not yet started.
     *
     * @param port        client port; 0 picks a free one
     * @param dataDir     where logs and metadata live; created and formatted if empty
     * @param extraConfig broker properties added to, or overriding, the defaults
     */
    public static LocalKafka create(int port, Path dataDir, Map<String, String> extraConfig) {
        int clientPort = PortAllocator.claim(port, "Kafka broker");
        int controller = PortAllocator.freePort();
        return new LocalKafka(1, clientPort, controller, "1@127.0.0.1:" + controller, Uuid.randomUuid().toString(),
                dataDir.toAbsolutePath(), Map.copyOf(extraConfig));
    }

    /**
     * A broker not yet started whose client listener requires SASL/SCRAM-SHA-256 (over plaintext) as {@code scram};
     * the credential is created when the storage is formatted. Clients use {@link Scram#clientProperties()}.
     */
    public static LocalKafka createWithScram(int port, Path dataDir, Scram scram) {
        int clientPort = PortAllocator.claim(port, "Kafka broker");
        int controller = PortAllocator.freePort();
        Map<String, String> sasl = Map.of(
                "listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "SCRAM-SHA-256",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256",
                "listener.name.plaintext.scram-sha-256.sasl.jaas.config", scram.jaasConfig());
        return new LocalKafka(1, clientPort, controller, "1@127.0.0.1:" + controller, Uuid.randomUuid().toString(),
                dataDir.toAbsolutePath(), sasl, scram);
    }

    /** The client properties this broker requires beyond {@code bootstrap.servers}; empty for a plaintext broker. */
    public Map<String, String> clientSecurity() {
        return scram == null ? Map.of() : scram.clientProperties();
    }

    /** A broker on free ports with its data in a new temporary folder. */
    public static LocalKafka createTemporary() {
        try {
            return create(0, Files.createTempDirectory("tokenstream-kafka-"), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the broker and returns once it answers metadata requests. */
    public synchronized LocalKafka start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions(), OrphanGuard.class.getName(),
                    List.of(String.valueOf(ProcessHandle.current().pid()), "kafka.Kafka", config.toString())));
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            process = builder.start();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft node id; 1 for a single broker. */
    public int nodeId() {
        return nodeId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's own log (stdout and stderr of its JVM). */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's operating-system process id, while it runs. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    @Override
    public void close() {
        stop();
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(clientSecurity());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(config);
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void format(Path config) throws IOException {
        List<String> arguments = new java.util.ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
        if (scram != null) {
            // KRaft keeps SCRAM credentials in the metadata log; the first ones are written when formatting.
            arguments.addAll(List.of("--add-scram",
                    "SCRAM-SHA-256=[name=" + scram.user() + ",password=" + scram.password() + "]"));
        }
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions(), "kafka.tools.StorageTool", arguments));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        Process format = builder.start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the broker storage failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the broker storage", e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " while starting; last lines of " + logFile() + ":\n" + tail(logFile(), 30));
            }
            // A plain TCP probe first: an admin client against a closed port logs a reconnect line per attempt.
            if (!acceptsConnections()) {
                sleep(200);
                continue;
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(200);
        }
        end(true);
        throw new IllegalStateException("the Kafka broker did not become ready in " + READY_TIMEOUT
                + "; last lines of " + logFile() + ":\n" + tail(logFile(), 30), last);
    }

    private boolean acceptsConnections() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeConfig() throws IOException {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(nodeId));
        props.setProperty("controller.quorum.voters", quorumVoters);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "6");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "6");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        extraConfig.forEach(props::setProperty);
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "tokenstream local broker");
        }
        return file;
    }

    private static List<String> jvmOptions() {
        return List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
