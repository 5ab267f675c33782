package tokenstream.kafkasetup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicAdminOptionsTest {

    @Test
    void productionLayoutIsReadFromTheCommandLine() {
        var options = TopicAdminOptions.parse(List.of("--bootstrap-server", "k1:9092,k2:9092",
                "--chunks-partitions", "12", "--replication-factor", "3", "--min-insync-replicas", "2",
                "--chunks-retention", "P3D"));
        assertEquals("k1:9092,k2:9092", options.bootstrapServers());
        assertEquals(12, options.settings().chunksPartitions());
        assertEquals(3, options.settings().replicationFactor());
        assertEquals(2, options.settings().minInsyncReplicas());
        assertEquals(Duration.ofDays(3), options.settings().chunksRetention());
    }

    @Test
    void missingBootstrapServerIsExplained() {
        var e = assertThrows(IllegalArgumentException.class, () -> TopicAdminOptions.parse(List.of("--chunks-partitions", "6")));
        assertTrue(e.getMessage().contains("--bootstrap-server"), e.getMessage());
    }

    @Test
    void badNumberNamesTheOption() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TopicAdminOptions.parse(List.of("--bootstrap-server", "x:1", "--replication-factor", "three")));
        assertTrue(e.getMessage().contains("--replication-factor") && e.getMessage().contains("three"), e.getMessage());
    }

    @Test
    void unknownOptionIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TopicAdminOptions.parse(List.of("--partitions", "3")));
        assertTrue(e.getMessage().contains("unknown option --partitions"), e.getMessage());
    }

    @Test
    void commandConfigAddsTheSecuritySettingsOfAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        var options = TopicAdminOptions.parse(List.of("--bootstrap-server", "k1:9092", "--command-config", file.toString()));

        assertEquals("k1:9092", options.connection().bootstrapServers());
        assertEquals("SASL_SSL", options.connection().securityProtocol());
    }
}
