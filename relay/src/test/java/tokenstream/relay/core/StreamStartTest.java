package tokenstream.relay.core;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.protocol.InvalidEventIdException;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Where the stream starts" table, as the request is decoded. */
class StreamStartTest {
    private static final EventId SEEN = new EventId(2, 41);
    private static final EventId OTHER = new EventId(2, 7);

    @Test
    void lastEventIdHeaderStartsRightAfterThatEvent() {
        assertEquals(new StreamStart.After(SEEN), StreamStart.parse(SEEN.encode(), null, null));
    }

    @Test
    void lastEventIdQueryParameterStartsRightAfterThatEvent() {
        assertEquals(new StreamStart.After(SEEN), StreamStart.parse(null, SEEN.encode(), null));
    }

    @Test
    void fromAnEventIdStartsAtThatEvent() {
        assertEquals(new StreamStart.At(SEEN), StreamStart.parse(null, null, SEEN.encode()));
    }

    @Test
    void fromStartMeansTheWholeRetainedHistory() {
        assertEquals(new StreamStart.Beginning(), StreamStart.parse(null, null, "start"));
    }

    @Test
    void fromAnIsoInstantStartsAtThatTime() {
        assertEquals(new StreamStart.AtTime(Instant.parse("2026-11-26T10:00:00Z")),
                StreamStart.parse(null, null, "2026-11-26T10:00:00Z"));
    }

    @Test
    void fromEpochMillisStartsAtThatTime() {
        assertEquals(new StreamStart.AtTime(Instant.ofEpochMilli(1_764_151_200_000L)),
                StreamStart.parse(null, null, "1764151200000"));
    }

    @Test
    void noPositionMeansTheInProgressResponseElseLive() {
        assertEquals(new StreamStart.InProgressOrLive(), StreamStart.parse(null, null, null));
        assertEquals(new StreamStart.InProgressOrLive(), StreamStart.parse(" ", "", ""));
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        assertEquals(new StreamStart.After(SEEN), StreamStart.parse(SEEN.encode(), OTHER.encode(), null));
    }

    @Test
    void theQueryParameterWinsOverFrom() {
        assertEquals(new StreamStart.After(SEEN), StreamStart.parse(null, SEEN.encode(), OTHER.encode()));
    }

    @Test
    void theHeaderWinsOverFromOfTheOriginalUrl() {
        assertEquals(new StreamStart.After(SEEN), StreamStart.parse(SEEN.encode(), null, "start"));
    }

    @Test
    void aMalformedIdIsRefused() {
        assertThrows(InvalidEventIdException.class, () -> StreamStart.parse("not-an-id", null, null));
        assertThrows(InvalidEventIdException.class, () -> StreamStart.parse(null, null, "not-an-id"));
    }

    @Test
    void aTamperedIdIsRefused() {
        String tampered = new EventId(0, 10).encode().replace(".10.", ".11.");
        assertThrows(InvalidEventIdException.class, () -> StreamStart.parse(tampered, null, null));
    }

    @Test
    void aTimeThatIsNotAnInstantIsRefused() {
        assertThrows(InvalidEventIdException.class, () -> StreamStart.parse(null, null, "2026-13-45T99:00:00Z"));
    }

    @Test
    void anIdOfAnotherPartitionIsRefusedNamingTheConversation() {
        StreamStart start = StreamStart.parse(SEEN.encode(), null, null);
        var refused = assertThrows(InvalidEventIdException.class, () -> start.requireOn(3, "conv-a"));
        assertTrue(refused.getMessage().contains("conv-a"), refused.getMessage());
        assertThrows(InvalidEventIdException.class, () -> new StreamStart.At(SEEN).requireOn(0, "conv-a"));
    }

    @Test
    void anIdOfTheConversationsPartitionIsAccepted() {
        StreamStart start = new StreamStart.After(SEEN);
        assertSame(start, start.requireOn(2, "conv-a"));
        StreamStart time = new StreamStart.Beginning();
        assertSame(time, time.requireOn(5, "conv-a"));
    }
}
