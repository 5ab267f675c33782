package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class PresencePolicyTest {

    @Test
    void navigatingAwayMidAnswerCancelsTheGenerationAfterTheGracePeriod(Page page) {
        // 200 tokens at 10/s would take 20 s; the page asks for cancel_when_unwatched_for=3s.
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=10&max_tokens=200&grace=3s");
        String responseId = demo.ask("Nobody will read this");
        demo.waitForTextWhileStreaming(10);

        long left = System.nanoTime();
        page.navigate("about:blank");

        JsonNode audited = Stack.auditedEnd(responseId);
        long cancelledAfterMillis = (System.nanoTime() - left) / 1_000_000;
        assertEquals("cancelled", audited.path("status").asText(), () -> "audited: " + audited);
        assertEquals("unwatched", audited.path("cancel_reason").asText());
        assertTrue(cancelledAfterMillis < 15_000, "cancelled " + cancelledAfterMillis + " ms after leaving, long before the 20 s answer ends");
    }
}
