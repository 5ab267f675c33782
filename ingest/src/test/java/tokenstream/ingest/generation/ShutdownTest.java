package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationOptions;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.simulator.SimulatorUpstream;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Shutdown of a registry of its own (the application's stays up for the other tests), driving a real
 * simulated generation through the real writer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ShutdownTest {
    @Inject
    ChunkWriter writer;
    @Inject
    SimulatorUpstream simulator;
    @Inject
    GenerationConfig config;

    @Test
    void shutdownEndsInFlightGenerationsWithResponseFailedShutdown() throws Exception {
        String conversation = "conv-shutdown-" + UUID.randomUUID();
        String responseId = "resp-shutdown-" + UUID.randomUUID();
        GenerationRegistry registry = new GenerationRegistry(config);
        writer.write(new ChunkEvent.ResponseStarted(conversation, responseId, 0, Instant.now(), "simulator",
                JsonNodeFactory.instance.objectNode())).get();
        Generation generation = new Generation(conversation, responseId, writer);
        registry.track(generation);
        generation.attach(simulator.open(new GenerationRequest("simulator", List.of(new ChatMessage("user", "go")),
                new GenerationOptions(1000, 0L, 50.0, JsonNodeFactory.instance.objectNode()),
                JsonNodeFactory.instance.objectNode()), generation));
        ChunksTopic.conversationUntil(conversation, records -> records.size() >= 3);

        registry.shutDown();
        Thread.sleep(200); // a cancelled simulator would have ticked ~10 more times by now

        List<ChunkRecord> records = ChunksTopic.conversationUntil(conversation, ChunksTopic.terminalOf(responseId));
        List<ChunkEvent> events = records.stream().map(ChunkRecord::event).toList();
        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, events.get(events.size() - 1));
        assertEquals("shutdown", failed.code());
        assertEquals(1, events.stream().filter(ChunkEvent::isTerminal).count());
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), events.stream().map(ChunkEvent::seq).toList());
        assertEquals(0, registry.inFlightCount());
        assertFalse(registry.accepting());
    }
}
