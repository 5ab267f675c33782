package tokenstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tokenstream.kafkalocal.PortAllocator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals that happen before anything starts, so nothing is left running. */
class LocalStackPortsTest {
    @TempDir
    Path dir;

    @Test
    void aTakenServicePortIsRefusedNamingTheServiceAndThePort() throws IOException {
        Path root = Repositories.withUnrunnableServices(dir.resolve("repo"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var refused = assertThrows(PortAllocator.PortInUseException.class, () -> LocalStack.builder()
                    .repoRoot(root).dataDir(dir.resolve("data")).relayPort(taken.getLocalPort()).build());

            assertTrue(refused.getMessage().startsWith("relay cannot use port " + taken.getLocalPort()),
                    refused.getMessage());
        }
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void aTakenBrokerPortIsRefusedNamingTheBrokerAndThePort() throws IOException {
        Path root = Repositories.withUnrunnableServices(dir.resolve("repo"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var refused = assertThrows(PortAllocator.PortInUseException.class, () -> LocalStack.builder()
                    .repoRoot(root).dataDir(dir.resolve("data")).brokerPort(taken.getLocalPort()).build());

            assertTrue(refused.getMessage().startsWith("Kafka broker cannot use port " + taken.getLocalPort()),
                    refused.getMessage());
        }
    }

    @Test
    void theLauncherExitsWithCode2OnATakenPort() throws IOException {
        Path root = Repositories.withUnrunnableServices(dir.resolve("repo"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchOptions options = LaunchOptions.parse(java.util.List.of(
                    "--ingest-port", String.valueOf(taken.getLocalPort()), "--broker-port", "0",
                    "--relay-port", "0", "--consumers-port", "0", "--data-dir", dir.resolve("data").toString()));

            assertEquals(LocalStackMain.PORT_IN_USE, LocalStackMain.run(options, root));
        }
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void unbuiltServicesAreReportedWithTheCommandThatBuildsThem() {
        var refused = assertThrows(LocalStack.ServicesNotBuiltException.class,
                () -> LocalStack.builder().repoRoot(dir).dataDir(dir.resolve("data")).build());

        assertTrue(refused.getMessage().contains("quarkus-run.jar is missing"), refused.getMessage());
        assertTrue(refused.getMessage().contains("./mvnw -B -DskipTests install"), refused.getMessage());
    }
}
