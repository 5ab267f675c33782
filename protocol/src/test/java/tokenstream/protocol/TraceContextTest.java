package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void acceptsAW3cTraceparentAndNamesItsParts() {
        TraceContext trace = TraceContext.of(VALID, "congo=t61rcWkgMzE");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
        assertEquals("00f067aa0ba902b7", trace.parentSpanId());
        assertTrue(trace.sampled());
        assertEquals("congo=t61rcWkgMzE", trace.tracestate());
    }

    @Test
    void dropsATraceparentOutsideTheW3cForm() {
        for (String bad : List.of("", "garbage", VALID.toUpperCase(), VALID + "0", "01" + VALID.substring(2),
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\n",
                "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01")) {
            assertNull(TraceContext.of(bad, null), bad);
        }
        assertNull(TraceContext.of(null, "a=b"));
    }

    @Test
    void dropsAnUnprintableTracestateButKeepsTheTrace() {
        TraceContext trace = TraceContext.of(VALID, "a=b\r\nX-Injected: 1");
        assertEquals(VALID, trace.traceparent());
        assertNull(trace.tracestate());
        assertFalse(TraceContext.isValidTracestate("x".repeat(513)));
    }

    @Test
    void aTracedRecordEndsItsHeadersWithTheTraceContext() {
        ChunkEvent event = new ChunkEvent.TextDelta("c1", "r1", 3, Instant.EPOCH, "hi");
        ChunkRecordParts parts = ChunkRecordParts.of(event, TraceContext.of(VALID, "a=b"));
        assertEquals(List.of(EventHeaders.EVENT_TYPE, EventHeaders.RESPONSE_ID, EventHeaders.SEQ,
                EventHeaders.TRACEPARENT, EventHeaders.TRACESTATE), List.copyOf(parts.headers().keySet()));
        assertEquals(VALID, parts.headers().get(EventHeaders.TRACEPARENT));
        assertEquals(ChunkRecordParts.of(event).headers(), EventHeaders.of(event, null));
    }
}
