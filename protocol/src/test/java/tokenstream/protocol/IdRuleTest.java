package tokenstream.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "conv.1:a_b-c", "Z9", "-", "..."})
    void idsOfLettersDigitsDotUnderscoreColonAndDashAreAccepted(String id) {
        assertTrue(IdRule.CONVERSATION.accepts(id));
        assertTrue(IdRule.RESPONSE.accepts(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a b", "é", "a\nb", "a%2F", "a\u0000"})
    void idsWithAnyOtherCharacterOrEmptyAreRejected(String id) {
        assertFalse(IdRule.CONVERSATION.accepts(id));
        assertFalse(IdRule.RESPONSE.accepts(id));
    }

    @ParameterizedTest
    @EnumSource(IdRule.class)
    void nullIsRejected(IdRule rule) {
        assertFalse(rule.accepts(null));
    }

    @Test
    void oneHundredTwentyEightCharactersAreAcceptedOneMoreIsNot() {
        assertTrue(IdRule.CONVERSATION.accepts("a".repeat(128)));
        assertFalse(IdRule.CONVERSATION.accepts("a".repeat(129)));
    }

    @Test
    void eachRuleNamesItsErrorCodeAndItsShape() {
        assertEquals("invalid_conversation_id", IdRule.CONVERSATION.errorCode());
        assertEquals("invalid_response_id", IdRule.RESPONSE.errorCode());
        assertEquals("conversation id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'",
                IdRule.CONVERSATION.description());
        assertEquals("response id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'",
                IdRule.RESPONSE.description());
    }
}
