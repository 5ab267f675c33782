package tokenstream.ingest.output;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.simulator.SimulatedJson;
import tokenstream.ingest.upstream.simulator.SimulatedScript;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ProtocolJson;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.ofType;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.text;
import static tokenstream.ingest.Generations.untilEnd;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ToolCallGenerationTest {
    private static final String WEATHER_PARAMS = "{\"type\":\"object\",\"required\":[\"city\"],\"properties\":"
            + "{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":7}}}";
    private static final String TIME_PARAMS = "{\"type\":\"object\",\"properties\":{\"zone\":{\"enum\":[\"Europe/Zurich\",\"UTC\"]}}}";
    private static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":" + WEATHER_PARAMS
            + "}},{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":" + TIME_PARAMS + "}}]";

    private static String body(String simulate) {
        return "{\"prompt\":\"weather in Zürich\",\"options\":{\"seed\":3,\"max_tokens\":5,\"tokens_per_second\":400,"
                + "\"tools\":" + TOOLS + (simulate == null ? "" : ",\"simulate\":" + simulate) + "}}";
    }

    @Test
    void eachToolCallArrivesAsOneEventWithWholeArgumentsAndNoFragmentReachesTheTopic() throws Exception {
        String conversation = newConversation("tools");
        String responseId = start(conversation, body(null));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        List<ChunkEvent.ToolCall> calls = ofType(events, ChunkEvent.ToolCall.class);
        assertEquals(2, calls.size(), events.toString());
        assertEquals("get_weather", calls.get(0).name());
        assertEquals("call_sim_0", calls.get(0).callId());
        assertEquals(SimulatedJson.valueFor(ProtocolJson.mapper().readTree(WEATHER_PARAMS)), calls.get(0).arguments());
        assertEquals("get_time", calls.get(1).name());
        assertEquals(SimulatedJson.valueFor(ProtocolJson.mapper().readTree(TIME_PARAMS)), calls.get(1).arguments());
        // started + 5 words + 2 calls + completed: the many argument fragments left no trace
        assertEquals(9, events.size(), events.toString());
        assertEquals(SimulatedScript.text("weather in Zürich", 3, 5), text(events));
        var completed = assertInstanceOf(ChunkEvent.ResponseCompleted.class, last(events));
        assertEquals("tool_calls", completed.finishReason());
    }

    @Test
    void brokenArgumentsFailWithInvalidToolArgumentsAndNoToolCallIsWritten() {
        String conversation = newConversation("tools-bad");
        String responseId = start(conversation, body("{\"invalid_tool_arguments\":true}"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("invalid_tool_arguments", failed.code());
        assertTrue(failed.message().contains("get_weather"), failed.message());
        assertEquals(List.of(), ofType(events, ChunkEvent.ToolCall.class));
    }
}
