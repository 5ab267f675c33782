package tokenstream.localstack;

import tokenstream.kafkalocal.LocalKafka;
import tokenstream.kafkalocal.PortAllocator;
import tokenstream.kafkalocal.TopicPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole pipeline on this machine: a real broker with the pipeline's topics, then consumers, relay and ingest
 * as child JVMs. Used by {@code bin/tokenstream-local} and by the system tests, which kill and restart its parts.
 *
 * <p>Every port is claimed when the stack is built, before anything starts, so a taken port fails fast with
 * {@link PortAllocator.PortInUseException} and leaves nothing running.
 */
public final class LocalStack implements AutoCloseable {
    private final Settings settings;
    private final LocalKafka broker;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final List<ServiceProcess> extraRelays = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceProcess> extraConsumers = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceProcess> extraIngests = Collections.synchronizedList(new ArrayList<>());
    private final Map<Service, Map<String, String>> effectiveProperties = new EnumMap<>(Service.class);
    private final Thread stopOnExit = new Thread(this::close, "local-stack-stop");
    private final Path securitySecret;
    private boolean closed;

    private LocalStack(Settings settings) {
        this.settings = settings;
        for (Service service : Service.values()) {
            if (!java.nio.file.Files.isRegularFile(service.appJar(settings.repoRoot))) {
                throw new ServicesNotBuiltException(service.appJar(settings.repoRoot));
            }
        }
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, PortAllocator.claim(settings.ports.get(service), service.moduleName()));
        }
        this.broker = settings.externalBootstrap == null
                ? LocalKafka.create(settings.brokerPort, settings.dataDir.resolve("kafka"), Map.of()) : null;
        this.securitySecret = settings.security ? DevSecret.ensure(settings.dataDir.resolve("security/jwt-secret")) : null;
        for (Service service : Service.values()) {
            Map<String, String> properties = new HashMap<>(settings.properties.get(service));
            securityProperties(service, properties);
            if (service == Service.INGEST) {
                properties.putIfAbsent("tokenstream.ingest.relay-url", "http://localhost:" + ports.get(Service.RELAY));
            }
            if (service == Service.RELAY) {
                properties.putIfAbsent("tokenstream.relay.ingest-url", "http://localhost:" + ports.get(Service.INGEST));
            }
            if (service == Service.CONSUMERS) {
                // Streams state belongs to this stack's broker; a shared default folder would clash between stacks.
                properties.putIfAbsent("kafka-streams.state.dir", settings.dataDir.resolve("consumers-state").toString());
                // So that more instances can join (startConsumers): each answers for every conversation.
                properties.putIfAbsent("quarkus.kafka-streams.application-server", "localhost:" + ports.get(service));
            }
            effectiveProperties.put(service, Map.copyOf(properties));
            services.put(service, new ServiceProcess(launch(service.moduleName(), service, ports.get(service), properties)));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // Security is on unless the builder says otherwise: the services share the stack's development secret, ingest
    // hands out client tokens and the relay lets its demo page start demo-* conversations.
    private void securityProperties(Service service, Map<String, String> properties) {
        if (securitySecret == null) {
            properties.putIfAbsent("tokenstream.security.enabled", "false");
            return;
        }
        properties.putIfAbsent("tokenstream.security.enabled", "true");
        properties.putIfAbsent("tokenstream.security.jwt-secret-file", securitySecret.toString());
        if (service == Service.INGEST) {
            properties.putIfAbsent("tokenstream.security.issue-client-tokens", "true");
        }
        if (service == Service.RELAY) {
            properties.putIfAbsent("tokenstream.relay.demo.enabled", "true");
        }
    }

    /** The HS256 secret file the services share, or null when the stack runs {@link Builder#withoutSecurity()}. */
    public Path securitySecretFile() {
        return securitySecret;
    }

    /**
     * Starts the broker, creates the topics, then starts the three services side by side and returns once all
     * answer. On failure everything already started is stopped before the exception is thrown.
     */
    public LocalStack start() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            if (broker != null) {
                broker.start();
                try (var admin = broker.admin()) {
                    TopicPlan.apply(admin, TopicPlan.defaults());
                }
            }
            List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
            for (ServiceProcess service : services.values()) {
                starting.add(CompletableFuture.supplyAsync(service::start));
            }
            CompletableFuture.allOf(starting.toArray(new CompletableFuture[0])).join();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException
                    ? (RuntimeException) e.getCause() : e;
        }
    }

    /**
     * Starts one more relay instance on {@code port} (0 picks a free one), reading the same broker; it stops with
     * the stack. Its log is {@code relay-<port>.log}.
     */
    public ServiceProcess startRelay(int port) {
        return startRelay(port, Map.of());
    }

    /** Like {@link #startRelay(int)}, with properties of its own on top of the stack's relay properties. */
    public ServiceProcess startRelay(int port, Map<String, String> overrides) {
        int claimed = PortAllocator.claim(port, "relay");
        Map<String, String> properties = new HashMap<>(effectiveProperties.get(Service.RELAY));
        properties.putAll(overrides);
        ServiceProcess relay = new ServiceProcess(launch("relay-" + claimed, Service.RELAY, claimed, properties));
        extraRelays.add(relay);
        return relay.start();
    }

    /**
     * Starts one more ingest instance on {@code port} (0 picks a free one), on the same broker and topics as
     * {@link #ingest()}; it stops with the stack. Its log is {@code ingest-<port>.log}.
     */
    public ServiceProcess startIngest(int port, Map<String, String> overrides) {
        int claimed = PortAllocator.claim(port, "ingest");
        Map<String, String> properties = new HashMap<>(effectiveProperties.get(Service.INGEST));
        properties.putAll(overrides);
        ServiceProcess ingest = new ServiceProcess(launch("ingest-" + claimed, Service.INGEST, claimed, properties));
        extraIngests.add(ingest);
        return ingest.start();
    }

    /**
     * Starts one more consumers instance on {@code port} (0 picks a free one), in the same Kafka Streams group as
     * {@link #consumers()}, with a state folder of its own; it stops with the stack. Its log is
     * {@code consumers-<port>.log}.
     */
    public ServiceProcess startConsumers(int port) {
        int claimed = PortAllocator.claim(port, "consumers");
        Map<String, String> properties = new HashMap<>(effectiveProperties.get(Service.CONSUMERS));
        properties.put("kafka-streams.state.dir", settings.dataDir.resolve("consumers-state-" + claimed).toString());
        properties.put("quarkus.kafka-streams.application-server", "localhost:" + claimed);
        ServiceProcess consumers = new ServiceProcess(launch("consumers-" + claimed, Service.CONSUMERS, claimed,
                properties));
        extraConsumers.add(consumers);
        return consumers.start();
    }

    /** Stops everything in the reverse order of starting: ingest, relays, consumers, then the broker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (extraIngests) {
            extraIngests.forEach(ServiceProcess::stop);
        }
        services.get(Service.INGEST).stop();
        synchronized (extraRelays) {
            extraRelays.forEach(ServiceProcess::stop);
        }
        services.get(Service.RELAY).stop();
        synchronized (extraConsumers) {
            extraConsumers.forEach(ServiceProcess::stop);
        }
        services.get(Service.CONSUMERS).stop();
        if (broker != null) {
            broker.stop();
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The JVM is already shutting down, or start() never registered the hook.
            }
        }
    }

    /** The stack's own broker; null when it runs against an {@link Builder#externalKafka external} cluster. */
    public LocalKafka broker() {
        return broker;
    }

    public ServiceProcess ingest() {
        return services.get(Service.INGEST);
    }

    public ServiceProcess relay() {
        return services.get(Service.RELAY);
    }

    public ServiceProcess consumers() {
        return services.get(Service.CONSUMERS);
    }

    public ServiceProcess service(Service service) {
        return services.get(service);
    }

    public String bootstrapServers() {
        return broker == null ? settings.externalBootstrap : broker.bootstrapServers();
    }

    public String ingestUrl() {
        return ingest().url();
    }

    public String relayUrl() {
        return relay().url();
    }

    public String consumersUrl() {
        return consumers().url();
    }

    public Path dataDir() {
        return settings.dataDir;
    }

    /** The folder with one log file per service. */
    public Path logDir() {
        return settings.dataDir.resolve("logs");
    }

    private ServiceLaunch launch(String name, Service service, int port, Map<String, String> properties) {
        return new ServiceLaunch(name, service.appJar(settings.repoRoot), port, bootstrapServers(), properties,
                settings.maxHeap, logDir().resolve(name + ".log"), settings.echo, service.jvmOptions());
    }

    /** The repository's services are not packaged yet. */
    public static final class ServicesNotBuiltException extends IllegalStateException {
        ServicesNotBuiltException(Path missing) {
            super(missing + " is missing: build the services first with ./mvnw -B -DskipTests install"
                    + " in the repository root (bin/tokenstream-local does this by itself)");
        }
    }

    private record Settings(Path repoRoot, Path dataDir, int brokerPort, Map<Service, Integer> ports,
                            Map<Service, Map<String, String>> properties, String maxHeap, boolean echo,
                            String externalBootstrap, boolean security) {
    }

    /** Settings of a stack; every port defaults to 0 (a free port). */
    public static final class Builder {
        private Path repoRoot = Path.of("");
        private Path dataDir;
        private int brokerPort;
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private final Map<Service, Map<String, String>> properties = new EnumMap<>(Service.class);
        private String maxHeap = "384m";
        private boolean echo;
        private String externalBootstrap;
        private boolean security = true;

        private Builder() {
            for (Service service : Service.values()) {
                ports.put(service, 0);
                properties.put(service, new HashMap<>());
            }
        }

        /** The repository whose {@code <service>/target/quarkus-app} folders are run; default the current folder. */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where the broker's data ({@code kafka/}) and the service logs ({@code logs/}) go; default {@code <repo>/.data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        public Builder relayPort(int port) {
            return port(Service.RELAY, port);
        }

        public Builder ingestPort(int port) {
            return port(Service.INGEST, port);
        }

        public Builder consumersPort(int port) {
            return port(Service.CONSUMERS, port);
        }

        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /** A configuration property given to one service as {@code -Dkey=value}. */
        public Builder property(Service service, String key, String value) {
            properties.get(service).put(key, value);
            return this;
        }

        /** {@code -Xmx} of each service JVM; default {@code 384m}. */
        public Builder serviceMaxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** Whether service output is also printed here, each line prefixed with {@code [service]}; default no. */
        public Builder echoServiceOutput(boolean echo) {
            this.echo = echo;
            return this;
        }

        /**
         * Runs the services against a Kafka cluster started elsewhere (e.g. a {@code LocalKafkaCluster}) instead
         * of the stack's own broker: the stack neither starts nor stops it, and leaves its topics to the services'
         * topics step ({@code tokenstream.topics.*} properties) or to the caller.
         */
        public Builder externalKafka(String bootstrapServers) {
            this.externalBootstrap = bootstrapServers;
            return this;
        }

        /**
         * Runs the services with {@code tokenstream.security.enabled=false}: no tokens, no producer keys. For tests
         * and benchmarks that are not about security; the default is on.
         */
        public Builder withoutSecurity() {
            this.security = false;
            return this;
        }

        /**
         * Checks that the services are built and claims every port.
         *
         * @throws ServicesNotBuiltException        if a {@code quarkus-run.jar} is missing
         * @throws PortAllocator.PortInUseException if a configured port is taken
         */
        public LocalStack build() {
            Path root = repoRoot.toAbsolutePath().normalize();
            Path data = (dataDir == null ? root.resolve(".data") : dataDir).toAbsolutePath().normalize();
            Map<Service, Map<String, String>> props = new EnumMap<>(Service.class);
            properties.forEach((service, values) -> props.put(service, Map.copyOf(values)));
            return new LocalStack(new Settings(root, data, brokerPort, new EnumMap<>(ports), props, maxHeap, echo,
                    externalBootstrap, security));
        }
    }
}
