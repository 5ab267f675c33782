package tokenstream.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real stack: broker and the three packaged services, each on a free port. */
class LocalStackTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dataDir;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        Path root = Repositories.real();
        Assumptions.assumeTrue(Repositories.servicesBuilt(root),
                "ingest, relay and consumers are not packaged under " + root + "; run ./mvnw -DskipTests install");
        stack = LocalStack.builder().repoRoot(root).dataDir(dataDir).build().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void brokerAnswersWithThePipelineTopics() throws Exception {
        try (var admin = stack.broker().admin()) {
            assertTrue(admin.listTopics().names().get(20, TimeUnit.SECONDS).contains(tokenstream.protocol.Topics.CHUNKS));
        }
    }

    @Test
    void ingestRelayAndConsumersEachAnswerHttpOnTheirOwnPort() throws Exception {
        for (ServiceProcess service : new ServiceProcess[]{stack.ingest(), stack.relay(), stack.consumers()}) {
            assertTrue(service.port() > 0, service.name());
            assertTrue(status(service.url() + "/") >= 200, service.name() + " did not answer");
        }
        assertEquals(3, java.util.Set.of(stack.ingest().port(), stack.relay().port(), stack.consumers().port()).size());
    }

    @Test
    void aKilledServiceAnswersAgainOnTheSamePortOnceStarted() throws Exception {
        ServiceProcess relay = stack.relay();
        long crashedPid = relay.pid();
        relay.kill();
        assertFalse(ProcessHandle.of(crashedPid).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), relay.port()).close());

        relay.start();

        assertTrue(status(relay.url() + "/") >= 200);
        assertTrue(relay.pid() != crashedPid);
    }

    @Test
    void aSecondRelayInstanceRunsOnItsOwnPortBesideTheFirst() throws Exception {
        ServiceProcess second = stack.startRelay(0);
        try {
            assertTrue(second.port() != stack.relay().port());
            assertTrue(status(second.url() + "/") >= 200);
            assertTrue(second.logFile().getFileName().toString().startsWith("relay-"));
        } finally {
            second.stop();
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
