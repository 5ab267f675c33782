package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real multi-broker KRaft cluster on loopback: every node is broker and controller in its own child JVM, and
 * the nodes form the controller quorum. Nodes can be killed (SIGKILL) and started again with their data and
 * ports, so tests can take a partition leader away and watch the cluster and the services recover.
 *
 * <p>Internal topics are replicated on every node with {@code min.insync.replicas} 2 (when there are at least
 * 3 nodes), like a production cluster. A node that stops heartbeating is fenced after 6 s instead of Kafka's 9 s,
 * only so failover tests finish sooner.
 */
public final class LocalKafkaCluster implements AutoCloseable {
    private final Map<Integer, LocalKafka> nodes;

    private LocalKafkaCluster(Map<Integer, LocalKafka> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code size} nodes (ids 1..size) on free ports with data in a new temporary folder. */
    public static LocalKafkaCluster start(int size) {
        try {
            return start(size, Files.createTempDirectory("tokenstream-cluster-"), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code size} nodes with their data under {@code dataDir/node-<id>} and returns once every node has
     * joined the cluster.
     *
     * @param extraConfig broker properties added to, or overriding, the cluster defaults on every node
     */
    public static LocalKafkaCluster start(int size, Path dataDir, Map<String, String> extraConfig) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        for (int id = 1; id <= size; id++) {
            clientPorts.put(id, PortAllocator.freePort());
            controllerPorts.put(id, PortAllocator.freePort());
        }
        String voters = controllerPorts.entrySet().stream()
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Map<String, String> config = new HashMap<>(clusterDefaults(size));
        config.putAll(extraConfig);
        Map<Integer, LocalKafka> nodes = new LinkedHashMap<>();
        for (int id = 1; id <= size; id++) {
            nodes.put(id, LocalKafka.clusterNode(id, clientPorts.get(id), controllerPorts.get(id), voters, clusterId,
                    dataDir.resolve("node-" + id), config));
        }
        LocalKafkaCluster cluster = new LocalKafkaCluster(nodes);
        try {
            // Together: a node becomes ready only once a quorum of controllers is up.
            List<CompletableFuture<LocalKafka>> starting = new ArrayList<>();
            nodes.values().forEach(node -> starting.add(CompletableFuture.supplyAsync(node::start)));
            CompletableFuture.allOf(starting.toArray(new CompletableFuture[0])).join();
            cluster.awaitBrokers(size);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "kafka-cluster-stop"));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException
                    ? (RuntimeException) e.getCause() : e;
        }
    }

    private static Map<String, String> clusterDefaults(int size) {
        String replication = String.valueOf(size);
        String minIsr = String.valueOf(Math.min(2, size));
        Map<String, String> config = new HashMap<>();
        config.put("default.replication.factor", replication);
        config.put("min.insync.replicas", minIsr);
        config.put("offsets.topic.replication.factor", replication);
        config.put("transaction.state.log.replication.factor", replication);
        config.put("transaction.state.log.min.isr", minIsr);
        config.put("share.coordinator.state.topic.replication.factor", replication);
        config.put("share.coordinator.state.topic.min.isr", minIsr);
        config.put("unclean.leader.election.enable", "false");
        config.put("broker.session.timeout.ms", "6000");
        config.put("broker.heartbeat.interval.ms", "1000");
        return config;
    }

    /** Every node's client address, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.values().stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    public LocalKafka node(int nodeId) {
        LocalKafka node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in this cluster; nodes are " + nodes.keySet());
        }
        return node;
    }

    /** Kills one node at once (SIGKILL), as a crash would. */
    public void killNode(int nodeId) {
        node(nodeId).kill();
    }

    /** Starts one stopped or killed node again with its data and ports; returns once it answers. */
    public void startNode(int nodeId) {
        node(nodeId).start();
    }

    /** The node id leading {@code topic}'s {@code partition} now, or -1 if it has no leader. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(topic);
            Node leader = description.partitions().get(partition).leader();
            return leader == null || leader.isEmpty() ? -1 : leader.id();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    /**
     * Waits until every replica of every partition of {@code topics} is in sync again (a restarted node has caught
     * up), and fails after {@code timeout}.
     */
    public void awaitInSync(Duration timeout, List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lagging = "?";
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    lagging = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .flatMap(t -> t.partitions().stream().filter(p -> p.isr().size() < p.replicas().size())
                                    .map(p -> t.name() + "-" + p.partition()))
                            .collect(Collectors.joining(", "));
                    if (lagging.isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    lagging = e.toString();
                }
                sleep(250);
            }
        }
        throw new IllegalStateException("replicas not in sync after " + timeout + ": " + lagging);
    }

    /** An admin client for the whole cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    /**
     * Ends every node. Idempotent. They are killed, not stopped: a broker's controlled shutdown waits for a
     * controller quorum that the other nodes, stopping too, no longer form; the data is temporary anyway.
     */
    @Override
    public void close() {
        nodes.values().forEach(LocalKafka::kill);
    }

    private void awaitBrokers(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                if (seen == expected) {
                    return;
                }
            } catch (Exception e) {
                // not yet: retried below
            }
            sleep(200);
        }
        throw new IllegalStateException("only " + seen + " of " + expected + " brokers joined the cluster in 60 s");
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
