package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class StopTest {

    @Test
    void stopCancelsTheGenerationOnTheServerAndThePageSaysSo(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=10&max_tokens=200&grace=30s");
        String responseId = demo.ask("A long answer I will interrupt");
        demo.waitForTextWhileStreaming(10);

        demo.testId("stop").click();

        demo.waitForEnd("cancelled");
        assertThat(demo.answer().locator("[data-testid=answer-status]")).containsText("Stopped");
        JsonNode audited = Stack.auditedEnd(responseId);
        assertEquals("cancelled", audited.path("status").asText(), () -> "the topic ends with response.cancelled: " + audited);
        assertEquals("stopped by the user", audited.path("cancel_reason").asText());
        assertTrue(audited.path("text").asText().startsWith(demo.answerText().textContent()),
                "the page showed a prefix of what was generated");
        assertThat(demo.testId("send")).isEnabled();
    }
}
