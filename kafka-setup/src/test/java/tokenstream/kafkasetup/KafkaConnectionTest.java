package tokenstream.kafkasetup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConnectionTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret\";";

    @Test
    void keepsOnlyBootstrapServersAndSecuritySettingsOfAServicesKafkaProperties() {
        KafkaConnection connection = KafkaConnection.fromClientProperties(Map.of(
                "bootstrap.servers", "b1:9092,b2:9092",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/ca.p12",
                "acks", "0",
                "linger.ms", "500"));

        assertEquals("b1:9092,b2:9092", connection.bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/ca.p12"), connection.security());
    }

    @Test
    void aClientsOwnSettingsGoOnTopOfTheConnection() {
        KafkaConnection connection = new KafkaConnection("b:9092", Map.of("security.protocol", "SASL_PLAINTEXT"));

        Map<String, Object> properties = connection.clientProperties(Map.of("acks", "all"));

        assertEquals(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SASL_PLAINTEXT", "acks", "all"), properties);
    }

    @Test
    void emptyValuesAreNotSettings() {
        KafkaConnection connection = KafkaConnection.fromClientProperties(Map.of("bootstrap.servers", "b:9092", "sasl.jaas.config", ""));

        assertTrue(connection.security().isEmpty());
        assertEquals("PLAINTEXT", connection.securityProtocol());
    }

    @Test
    void printingAConnectionNamesTheSettingsButNotTheirValues() {
        KafkaConnection connection = new KafkaConnection("b:9092", Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS));

        String printed = connection.toString();

        assertFalse(printed.contains("s3cret"), printed);
        assertTrue(printed.contains("SASL_SSL") && printed.contains("sasl.jaas.config"), printed);
    }

    @Test
    void aCommandConfigFileGivesTheSecuritySettingsAndTheCommandLineGivesTheServers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=ignored:1\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\n");

        KafkaConnection connection = KafkaConnection.fromCommandConfig("b:9092", file);

        assertEquals("b:9092", connection.bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-256"), connection.security());
    }

    @Test
    void anUnreadableCommandConfigIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.properties");

        var error = assertThrows(IllegalArgumentException.class, () -> KafkaConnection.fromCommandConfig("b:9092", missing));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void bootstrapServersAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.fromClientProperties(Map.of("security.protocol", "SSL")));
    }
}
