package tokenstream.ingest.generation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.ingest.upstream.simulator.SimulatedScript;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.Usage;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SimulatedGenerationTest {
    private static final String PROMPT = "Explain how café owners in Zürich use Kafka";

    private List<ChunkEvent> generate(String conversation, long seed, int maxTokens) {
        var answer = StartGenerationTest.start(conversation, "{\"prompt\":\"" + PROMPT + "\",\"options\":{\"seed\":" + seed
                + ",\"max_tokens\":" + maxTokens + ",\"tokens_per_second\":500}}");
        assertEquals(202, answer.statusCode(), answer.asString());
        String responseId = answer.path("response_id");
        return ChunksTopic.conversationUntil(conversation, ChunksTopic.terminalOf(responseId)).stream()
                .map(ChunkRecord::event).filter(e -> e.responseId().equals(responseId)).toList();
    }

    @Test
    void writesSeqZeroToNWithoutGaps() {
        List<ChunkEvent> events = generate("conv-seq-" + UUID.randomUUID(), 1, 25);

        assertEquals(LongStream.rangeClosed(0, 26).boxed().toList(), events.stream().map(ChunkEvent::seq).toList());
    }

    @Test
    void textDeltasConcatenateToTheSimulatedScript() {
        List<ChunkEvent> events = generate("conv-text-" + UUID.randomUUID(), 42, 30);

        String text = events.stream().filter(ChunkEvent.TextDelta.class::isInstance)
                .map(e -> ((ChunkEvent.TextDelta) e).text()).collect(Collectors.joining());
        assertEquals(SimulatedScript.text(PROMPT, 42, 30), text);
    }

    @Test
    void endsWithExactlyOneResponseCompletedCarryingUsage() {
        List<ChunkEvent> events = generate("conv-usage-" + UUID.randomUUID(), 5, 12);

        assertEquals(1, events.stream().filter(ChunkEvent::isTerminal).count());
        var completed = assertInstanceOf(ChunkEvent.ResponseCompleted.class, events.get(events.size() - 1));
        assertEquals("stop", completed.finishReason());
        assertEquals(Usage.of(SimulatedScript.wordCount(PROMPT), 12), completed.usage());
    }
}
