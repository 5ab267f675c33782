package tokenstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tokenstream.kafkalocal.PortAllocator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @Test
    void aServiceThatExitsWhileStartingIsReportedWithItsExitCodeAndLogTail(@TempDir Path dir) throws IOException {
        Path root = Repositories.withUnrunnableServices(dir);
        ServiceProcess relay = new ServiceProcess(new ServiceLaunch("relay", Service.RELAY.appJar(root),
                PortAllocator.freePort(), "127.0.0.1:1", Map.of(), "64m", dir.resolve("logs/relay.log"), false));

        var failure = assertThrows(IllegalStateException.class, relay::start);

        assertTrue(failure.getMessage().startsWith("relay exited with code "), failure.getMessage());
        // The empty jar has no Quarkus entry point: the JVM's own complaint is in the log tail.
        assertTrue(failure.getMessage().contains("QuarkusEntryPoint"), failure.getMessage());
        assertFalse(relay.isRunning());
    }

    @Test
    void stoppingAServiceThatIsStillStartingEndsTheWaitAtOnce(@TempDir Path dir) throws Exception {
        ServiceProcess silent = new ServiceProcess(new ServiceLaunch("consumers", Repositories.silentServiceJar(dir),
                PortAllocator.freePort(), "127.0.0.1:1", Map.of(), "64m", dir.resolve("consumers.log"), false));
        CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(silent::start);
        await("the service process started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> silent.pid() >= 0 || starting.isDone());

        silent.stop();

        var failure = assertThrows(ExecutionException.class, () -> starting.get(10, TimeUnit.SECONDS));
        assertEquals("consumers was stopped while starting", failure.getCause().getMessage());
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void theServiceGetsItsPortBrokerAndPropertiesAsSystemProperties(@TempDir Path dir) {
        ServiceProcess ingest = new ServiceProcess(new ServiceLaunch("ingest", dir.resolve("quarkus-run.jar"), 18081,
                "127.0.0.1:19092", Map.of("tokenstream.ingest.relay-url", "http://localhost:18080"), "256m",
                dir.resolve("ingest.log"), false));

        var command = ingest.command();

        assertTrue(command.contains("-Xmx256m"), command.toString());
        assertTrue(command.contains("-Dquarkus.http.port=18081"), command.toString());
        assertTrue(command.contains("-Dkafka.bootstrap.servers=127.0.0.1:19092"), command.toString());
        assertTrue(command.contains("-Dtokenstream.ingest.relay-url=http://localhost:18080"), command.toString());
    }
}
