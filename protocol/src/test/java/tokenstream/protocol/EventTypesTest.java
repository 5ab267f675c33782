package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypesTest {

    @Test
    void everyKnownTypeIsProducible() {
        for (EventType type : EventType.values()) {
            assertEquals(type.wireName(), EventTypes.checkProducible(type.wireName()));
        }
    }

    @Test
    void wellFormedExtensionTypesAreProducible() {
        assertTrue(EventTypes.isProducible("x.a"));
        assertTrue(EventTypes.isProducible("x.acme.citation_v2-beta"));
        assertTrue(EventTypes.isProducible("x.0" + "a".repeat(62)));
    }

    @Test
    void theRelaysNamespaceIsNotProducible() {
        var e = assertThrows(InvalidEventTypeException.class, () -> EventTypes.checkProducible("stream.reconnect"));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertFalse(EventTypes.isProducible("stream.position_expired"));
    }

    @Test
    void typesWithLineBreaksOrNulAreNotProducible() {
        for (String type : new String[]{"t\n\nretry: 86400000\nevent: x", "text.delta\r", "x.a\nb", "x.a\rb", "x.a\0"}) {
            var e = assertThrows(InvalidEventTypeException.class, () -> EventTypes.checkProducible(type), type);
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r") || e.getMessage().contains("\0"),
                    "the message quotes the type escaped: " + e.getMessage());
        }
    }

    @Test
    void malformedExtensionsAndUnknownTypesAreNotProducible() {
        for (String type : new String[]{"x.", "x._a", "x.A", "x.a b", "x." + "a".repeat(64), "X.a", "text.Delta",
                "foo", "", "invalid_event", "response.started "}) {
            assertFalse(EventTypes.isProducible(type), type);
            assertThrows(InvalidEventTypeException.class, () -> EventTypes.checkProducible(type), type);
        }
        assertFalse(EventTypes.isProducible(null));
    }

    @Test
    void theReplacementTypeIsOutsideTheVocabulary() {
        assertFalse(EventTypes.isProducible(EventTypes.REPLACED));
    }

    @Test
    void quoteEscapesControlCharactersAndShortens() {
        assertEquals("\"a\\u000a\\u000db\\\"\"", EventTypes.quote("a\n\rb\""));
        assertEquals(83, EventTypes.quote("y".repeat(500)).length());
    }
}
