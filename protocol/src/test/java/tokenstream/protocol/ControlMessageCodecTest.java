package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlMessageCodecTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void cancelRoundTripsWithSnakeCaseFieldsAndTypeFirst() {
        var cancel = new ControlMessage.Cancel("c1", "r1", "user", AT);

        String json = new String(ControlMessageCodec.write(cancel), StandardCharsets.UTF_8);

        assertTrue(json.startsWith("{\"type\":\"cancel\",\"conversation_id\":\"c1\",\"response_id\":\"r1\""), json);
        assertEquals(cancel, ControlMessageCodec.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void presenceRoundTrips() {
        var presence = new ControlMessage.Presence("c1", List.of("r1", "r2"), "relay-a", AT);

        assertEquals(presence, ControlMessageCodec.read(ControlMessageCodec.write(presence)));
    }

    @Test
    void rejectsUnknownTypesAndMissingIds() {
        assertThrows(MalformedEventException.class, () -> ControlMessageCodec.read(
                "{\"type\":\"pause\",\"conversation_id\":\"c1\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> ControlMessageCodec.read(
                "{\"type\":\"cancel\",\"conversation_id\":\"c1\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> ControlMessageCodec.read(
                "not json".getBytes(StandardCharsets.UTF_8)));
    }
}
