package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files' security settings: docker-compose.secure.yml puts every Kafka connection on SASL_SSL with no
 * secret in the file, and the relays of docker-compose.yml believe forwarded addresses only from their load balancer.
 */
class ComposeSecurityTest {
    private static final Path ROOT = Path.of(System.getProperty("tokenstream.repo-root", "..")).toAbsolutePath().normalize();
    private static final List<String> APPLICATIONS = List.of("ingest", "relay-1", "relay-2", "consumers");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

    @Test
    void everyServiceTalksToKafkaOverSaslSslWithScram() throws IOException {
        Map<String, Map<String, Object>> secure = services("docker-compose.secure.yml");
        for (String application : APPLICATIONS) {
            Map<String, String> env = environment(secure, application);
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), application);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), application);
            assertTrue(env.get("KAFKA_SASL_JAAS_CONFIG").contains("ScramLoginModule"), application);
            assertTrue(env.containsKey("KAFKA_SSL_TRUSTSTORE_LOCATION"), application);
            for (String variable : env.keySet()) {
                assertTrue(variable.startsWith("KAFKA_SECURITY_") || variable.startsWith("KAFKA_SASL_")
                        || variable.startsWith("KAFKA_SSL_"), application + ": " + variable
                        + " is not one of the Kafka client properties kafka.security.*, kafka.sasl.*, kafka.ssl.*");
            }
        }
    }

    @Test
    void noBrokerListenerIsPlaintext() throws IOException {
        Map<String, Map<String, Object>> secure = services("docker-compose.secure.yml");
        for (String broker : BROKERS) {
            Map<String, String> env = environment(secure, broker);
            assertFalse(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").contains(":PLAINTEXT"), broker);
            assertFalse(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").contains(":SASL_PLAINTEXT"), broker);
            assertEquals("SASL_SSL://" + broker + ":9092", env.get("KAFKA_ADVERTISED_LISTENERS"), broker);
            assertEquals("required", env.get("KAFKA_LISTENER_NAME_CONTROLLER_SSL_CLIENT_AUTH"), broker);
        }
    }

    @Test
    void noPasswordIsWrittenInTheFile() throws IOException {
        Map<String, Map<String, Object>> secure = services("docker-compose.secure.yml");
        for (String service : secure.keySet()) {
            environment(secure, service).forEach((name, value) -> {
                if (name.contains("PASSWORD") || value.contains("password=")) {
                    assertTrue(value.contains("${"), service + ": " + name + " must come from the environment");
                }
            });
        }
    }

    @Test
    void dockerComposeAcceptsTheSecureOverride() throws Exception {
        Assumptions.assumeTrue(HostCommands.onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(),
                "-f", ROOT.resolve("docker-compose.secure.yml").toString(), "config", "-q").redirectErrorStream(true);
        // Placeholders: the file takes every secret from the environment.
        builder.environment().put("KAFKA_BROKER_PASSWORD", "placeholder-broker");
        builder.environment().put("KAFKA_CLIENT_PASSWORD", "placeholder-client");
        builder.environment().put("KAFKA_TRUSTSTORE_PASSWORD", "placeholder-truststore");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRelaysTrustForwardedAddressesOnlyFromTheirLoadBalancer() throws IOException {
        Map<String, Map<String, Object>> services = services("docker-compose.yml");
        Map<String, Object> lbNetworks = (Map<String, Object>) services.get("relay-lb").get("networks");
        String lbAddress = String.valueOf(((Map<String, Object>) lbNetworks.get("default")).get("ipv4_address"));
        for (String relay : List.of("relay-1", "relay-2")) {
            Map<String, String> env = environment(services, relay);
            assertEquals("true", env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"), relay);
            assertEquals(lbAddress, env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), relay);
        }
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"), "set, never appended to the client's");
        Matcher format = Pattern.compile("log_format\\s+tokenstream([^;]*);").matcher(nginx);
        assertTrue(format.find(), "deploy/nginx.conf names its log format");
        assertFalse(Pattern.compile("\\$(request\\b|request_uri|args|query_string|arg_)").matcher(format.group(1)).find(),
                "the access log must not hold the query string: " + format.group(1));
        assertTrue(nginx.contains("access_log /var/log/nginx/access.log tokenstream;"), "the access log uses that format");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(file), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Map<String, Object>> services, String service) {
        Map<String, String> values = new LinkedHashMap<>();
        Object env = services.get(service).get("environment");
        if (env instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        return values;
    }
}
