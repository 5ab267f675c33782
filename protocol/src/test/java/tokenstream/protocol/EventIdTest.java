package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdTest {

    @Test
    void encodedIdDecodesToTheSamePosition() {
        EventId id = new EventId(7, 123_456_789_012L);
        assertEquals(id, EventId.decode(id.encode()));
    }

    @Test
    void encodedIdIsVersioned() {
        assertTrue(new EventId(0, 5).encode().startsWith("1."));
    }

    @Test
    void tamperedOffsetIsRefusedByTheChecksum() {
        String encoded = new EventId(2, 100).encode();
        String tampered = encoded.replace(".100.", ".101.");
        var e = assertThrows(InvalidEventIdException.class, () -> EventId.decode(tampered));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void foreignIdIsRefused() {
        assertThrows(InvalidEventIdException.class, () -> EventId.decode("42"));
        assertThrows(InvalidEventIdException.class, () -> EventId.decode("abc.def.ghi.jkl"));
        assertThrows(InvalidEventIdException.class, () -> EventId.decode(""));
    }

    @Test
    void unknownVersionIsNamed() {
        var e = assertThrows(InvalidEventIdException.class, () -> EventId.decode("9.1.2.abcd"));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void idsOrderByPartitionThenOffset() {
        assertTrue(new EventId(0, 9).compareTo(new EventId(0, 10)) < 0);
        assertTrue(new EventId(1, 0).compareTo(new EventId(0, 10)) > 0);
    }
}
