package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResponseKeyTest {

    @Test
    void theKeyIsConversationSlashResponseAndParsesBack() {
        String key = ResponseKey.of("conv.1:a_b-c", "resp_9f");

        assertEquals("conv.1:a_b-c/resp_9f", key);
        assertEquals(Optional.of(new ResponseKey("conv.1:a_b-c", "resp_9f")), ResponseKey.parse(key));
    }

    @Test
    void theSameResponseIdInTwoConversationsGivesTwoKeys() {
        assertNotEquals(ResponseKey.of("a", "r1"), ResponseKey.of("b", "r1"));
    }

    @Test
    void idsContainingTheSeparatorHaveNoKeySoThatNoTwoPairsCollide() {
        // "a/b" + "c" and "a" + "b/c" would both be "a/b/c"
        assertFalse(ResponseKey.keyable("a/b", "c"));
        assertFalse(ResponseKey.keyable("a", "b/c"));
        assertThrows(IllegalArgumentException.class, () -> ResponseKey.of("a", "b/c"));
        assertEquals(Optional.empty(), ResponseKey.parse("a/b/c"));
    }

    @Test
    void keysWithAnEmptySideOrNoSeparatorDoNotParse() {
        assertEquals(Optional.empty(), ResponseKey.parse("resp_only"));
        assertEquals(Optional.empty(), ResponseKey.parse("/r"));
        assertEquals(Optional.empty(), ResponseKey.parse("c/"));
    }
}
