package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.simulator.SimulatedScript;
import tokenstream.kafkalocal.LocalKafka;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A broker that accepts only SASL/SCRAM-SHA-256 clients, and the three services configured with nothing but the
 * documented {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config}:
 * every Kafka client of every service (topic step, producers, the relay's tail, Kafka Streams, readiness probes)
 * authenticates, and the pipeline works end to end.
 */
class ScramPipelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final LocalKafka.Scram CREDENTIAL = new LocalKafka.Scram("tokenstream", "scram-pw-" + UUID.randomUUID());
    private static LocalKafka broker;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws IOException {
        Path data = Files.createTempDirectory("tokenstream-scram-");
        broker = LocalKafka.createWithScram(0, data.resolve("kafka"), CREDENTIAL).start();
        // Security of the HTTP side has its own tests (SecuredPipelineTest); this one is about Kafka's.
        LocalStack.Builder builder = OwnStack.builder(data).externalKafka(broker.bootstrapServers());
        for (Service service : Service.values()) {
            broker.clientSecurity().forEach((key, value) -> builder.property(service, "kafka." + key, value));
        }
        stack = builder.build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aGenerationStreamsAndIsAuditedThroughAnAuthenticatingBroker() {
        String conversation = "scram-" + UUID.randomUUID();
        Pipeline.Answer started = Pipeline.post(stack.ingestUrl() + "/v1/conversations/" + conversation + "/responses",
                "application/json", "{\"prompt\":\"over SCRAM\",\"options\":{\"seed\":5,\"max_tokens\":40,\"tokens_per_second\":200}}");
        assertEquals(202, started.status(), () -> "start answered " + started.raw().body());
        String responseId = started.body().get("response_id").asText();

        List<SseEvent> events;
        try (SseClient client = SseClient.open(URI.create(stack.relayUrl() + "/v1/conversations/" + conversation + "/stream?from=start"))) {
            assertEquals(200, client.status());
            events = client.until(SseEvent::isTerminal, TIMEOUT);
        }
        String expected = SimulatedScript.text("over SCRAM", 5, 40);
        assertEquals("response.completed", events.get(events.size() - 1).event());
        assertEquals(expected, Generations.text(events));

        JsonNode audited = auditedResponse(responseId);
        assertEquals(expected, audited.get("text").asText(), "Kafka Streams read and wrote through SCRAM");
    }

    @Test
    void everyServiceIsReadyAndReportsTheSecurityProtocolItUses() {
        for (Service service : Service.values()) {
            Pipeline.Answer ready = Pipeline.get(stack.service(service).url() + "/q/health/ready");
            assertEquals(200, ready.status(), () -> service + " readiness: " + ready.raw().body());
            JsonNode kafka = kafkaCheck(ready.body());
            assertEquals("UP", kafka.path("status").asText(), service + " " + kafka);
            assertEquals("SASL_PLAINTEXT", kafka.path("data").path("security-protocol").asText(), service + " " + kafka);
        }
    }

    @Test
    void theScramPasswordAppearsInNoServiceLog() throws IOException {
        try (Stream<Path> logs = Files.list(stack.logDir())) {
            List<Path> files = logs.toList();
            assertFalse(files.isEmpty(), "service logs exist");
            for (Path log : files) {
                assertFalse(Files.readString(log).contains(CREDENTIAL.password()), log + " shows the SCRAM password");
            }
        }
    }

    private static JsonNode kafkaCheck(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("kafka")) {
                return check;
            }
        }
        throw new AssertionError("no kafka check in " + health);
    }

    private static JsonNode auditedResponse(String responseId) {
        return Pipeline.audited(stack.consumersUrl(), responseId, TIMEOUT, Pipeline::completed);
    }
}
