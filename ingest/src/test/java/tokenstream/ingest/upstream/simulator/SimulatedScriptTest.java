package tokenstream.ingest.upstream.simulator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedScriptTest {

    @Test
    void samePromptAndSeedGiveTheSameTokens() {
        assertEquals(SimulatedScript.tokens("Tell me about Kafka", 7, 200),
                SimulatedScript.tokens("Tell me about Kafka", 7, 200));
    }

    @Test
    void aDifferentSeedGivesDifferentTokens() {
        assertNotEquals(SimulatedScript.tokens("Tell me about Kafka", 7, 50),
                SimulatedScript.tokens("Tell me about Kafka", 8, 50));
    }

    @Test
    void aDifferentPromptGivesDifferentTokens() {
        assertNotEquals(SimulatedScript.tokens("Tell me about Kafka", 7, 50),
                SimulatedScript.tokens("Tell me about rivers", 7, 50));
    }

    @Test
    void producesExactlyMaxTokensAndALongerRunExtendsAShorterOne() {
        List<String> short_ = SimulatedScript.tokens("p", 3, 40);
        List<String> long_ = SimulatedScript.tokens("p", 3, 400);
        assertEquals(40, short_.size());
        assertEquals(400, long_.size());
        assertEquals(short_, long_.subList(0, 40));
    }

    @Test
    void tokensAreWordsSeparatedBySpacesAfterTheFirst() {
        List<String> tokens = SimulatedScript.tokens("hello", 0, 300);
        assertTrue(!tokens.get(0).startsWith(" ") && !tokens.get(0).isBlank(), tokens.get(0));
        tokens.subList(1, tokens.size()).forEach(t -> assertTrue(t.matches(" \\S+"), "token '" + t + "'"));
    }

    @Test
    void textContainsPunctuationAndMultiByteCharacters() {
        String text = SimulatedScript.text("hello", 0, 1000);
        assertTrue(text.contains("."), "sentences end");
        assertTrue(text.contains(","), "commas appear");
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length > text.length(), "some characters are non-ASCII");
    }

    @Test
    void countsPromptTokensAsWords() {
        assertEquals(4, SimulatedScript.wordCount("  tell me\nabout  kafka "));
        assertEquals(0, SimulatedScript.wordCount("   "));
    }
}
