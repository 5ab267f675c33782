package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

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

    @Test
    void theChecksumIsFourLowerCaseHexDigitsOfTheCrc32SoIdsIssuedBeforeStayValid() {
        for (int partition = 0; partition < 12; partition++) {
            for (long offset : new long[]{0, 1, 15, 16, 4095, 65_536, 1_000_003, Long.MAX_VALUE}) {
                String body = "1." + partition + "." + offset;
                CRC32 crc = new CRC32();
                crc.update(body.getBytes(StandardCharsets.US_ASCII));
                String expected = body + "." + String.format("%04x", crc.getValue() & 0xffff);

                assertEquals(expected, new EventId(partition, offset).encode());
            }
        }
    }
}
