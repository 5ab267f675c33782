package tokenstream.replay;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseReplayServerTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTypeThatWouldBreakTheEventLineIsReplacedAndTheStreamGoesOn() {
        ChunkEvent forged = new ChunkEvent.Unknown("c", "r", 1, AT, "x.a\nevent: forged",
                ProtocolJson.mapper().createObjectNode());
        ChunkEvent delta = new ChunkEvent.TextDelta("c", "r", 2, AT, "after");
        List<ReplayedEvent> events = List.of(new ReplayedEvent(new EventId(0, 1), 0, forged),
                new ReplayedEvent(new EventId(0, 2), 0, delta));

        try (SseReplayServer server = SseReplayServer.start(0, events, Replayer.AS_FAST_AS_POSSIBLE);
             SseClient client = SseClient.open(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
            List<SseEvent> received = client.take(2, Duration.ofSeconds(10));

            assertEquals(List.of(EventTypes.REPLACED, "text.delta"), received.stream().map(SseEvent::event).toList());
            assertEquals(new EventId(0, 1).encode(), received.get(0).id());
            assertEquals("after", received.get(1).json().get("text").asText());
        }
    }
}
