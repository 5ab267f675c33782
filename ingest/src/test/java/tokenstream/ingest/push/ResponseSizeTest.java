package tokenstream.ingest.push;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a pushed event counts against max-response-bytes: what its audit record holds. */
class ResponseSizeTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void thinkingCountsItsUtf8BytesLikeText() {
        assertEquals(ResponseSize.of(new ChunkEvent.TextDelta("c", "r", 1, T, "Zürich")),
                ResponseSize.of(new ChunkEvent.ThinkingDelta("c", "r", 2, T, "Zürich")));
        assertEquals(7, ResponseSize.of(new ChunkEvent.ThinkingDelta("c", "r", 2, T, "Zürich")));
    }
}
