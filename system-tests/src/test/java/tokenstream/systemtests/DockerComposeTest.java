package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its settings are checked against the applications:
 * every environment variable must be the environment form of a real configuration property, and replication
 * must fit the brokers it declares.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of(System.getProperty("tokenstream.repo-root", "..")).toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void everyApplicationEnvironmentVariableIsAConfigurationPropertyOfThatApplication() throws IOException {
        Map<String, String> applications = applications();
        assertEquals(Set.of("ingest", "consumers", "relay"), Set.copyOf(applications.values()), applications.toString());
        for (Map.Entry<String, String> application : applications.entrySet()) {
            Set<String> known = environmentNamesOf(application.getValue());
            for (String variable : environment(application.getKey()).keySet()) {
                assertTrue(known.contains(variable), application.getKey() + ": " + variable + " is not the environment form of"
                        + " any property in " + application.getValue() + "/src/main/resources/application.properties");
            }
        }
    }

    @Test
    void topicsAreReplicatedOnEveryBrokerAndSurviveOneBrokerLoss() {
        List<String> brokers = brokers();
        assertEquals(3, brokers.size());
        for (String application : applications().keySet()) {
            Map<String, String> env = environment(application);
            int replication = Integer.parseInt(env.get("TOKENSTREAM_TOPICS_REPLICATION_FACTOR"));
            int minIsr = Integer.parseInt(env.get("TOKENSTREAM_TOPICS_MIN_INSYNC_REPLICAS"));
            assertEquals(brokers.size(), replication, application);
            assertEquals(replication - 1, minIsr, application + ": acks=all writes must go on with one broker down");
        }
        for (String broker : brokers) {
            Map<String, String> env = environment(broker);
            assertEquals(String.valueOf(brokers.size()), env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"), broker);
            assertEquals(String.valueOf(brokers.size()), env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"), broker);
            assertEquals(String.valueOf(brokers.size()), env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), broker);
            assertEquals(environment("ingest").get("TOKENSTREAM_TOPICS_MIN_INSYNC_REPLICAS"), env.get("KAFKA_MIN_INSYNC_REPLICAS"), broker);
            assertEquals(env.get("KAFKA_MIN_INSYNC_REPLICAS"), env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"), broker);
        }
        assertEquals(String.valueOf(brokers.size()), environment("consumers").get("KAFKA_STREAMS_REPLICATION_FACTOR"),
                "Streams' internal topics");
    }

    @Test
    void everyApplicationKnowsEveryBrokerAndTheSameChunksPartitionCount() {
        Set<String> expected = brokers().stream().map(b -> b + ":9092").collect(Collectors.toSet());
        Set<String> partitionCounts = new TreeSet<>();
        for (String application : applications().keySet()) {
            Map<String, String> env = environment(application);
            assertEquals(expected, Set.of(env.get("KAFKA_BOOTSTRAP_SERVERS").split(",")), application);
            partitionCounts.add(env.get("TOKENSTREAM_TOPICS_CHUNKS_PARTITIONS"));
        }
        assertEquals(1, partitionCounts.size(), "one chunks partition count for all: " + partitionCounts);
    }

    @Test
    void controllerQuorumIsExactlyTheBrokers() {
        for (String broker : brokers()) {
            Set<String> voters = Arrays.stream(environment(broker).get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(","))
                    .map(v -> v.substring(v.indexOf('@') + 1, v.lastIndexOf(':'))).collect(Collectors.toSet());
            assertEquals(Set.copyOf(brokers()), voters, broker);
        }
    }

    @Test
    void loadBalancerSpreadsOverEveryRelayInstanceWithoutBufferingStreams() throws IOException {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        Set<String> upstreams = new TreeSet<>();
        Matcher server = Pattern.compile("server\\s+([\\w.-]+):8080;").matcher(nginx);
        while (server.find()) {
            upstreams.add(server.group(1));
        }
        Set<String> relays = applications().entrySet().stream().filter(e -> e.getValue().equals("relay"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, relays.size());
        assertEquals(relays, upstreams);
        assertTrue(nginx.contains("proxy_buffering off;"), "SSE must not be buffered");
        assertTrue(nginx.contains("proxy_read_timeout 1h;"), "idle streams must outlive heartbeats");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Assumptions.assumeTrue(HostCommands.onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        Process process = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("ERROR"), output);
    }

    /** Compose service name → module, for the services built from this repository's images. */
    private static Map<String, String> applications() {
        Map<String, String> applications = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            if (image.startsWith("tokenstream/")) {
                applications.put(name, image.substring("tokenstream/".length()));
            }
        });
        return applications;
    }

    private static List<String> brokers() {
        return services.entrySet().stream().filter(e -> String.valueOf(e.getValue().get("image")).startsWith("apache/kafka"))
                .filter(e -> e.getValue().get("environment") != null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> env = (Map<String, Object>) services.get(service).get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        env.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }

    /** The environment-variable form (MicroProfile Config rule) of every property the module's configuration names. */
    private static Set<String> environmentNamesOf(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.stringPropertyNames().stream()
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                .map(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
