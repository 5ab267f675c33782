package tokenstream.browsertests;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

@ExtendWith(Chromium.class)
class PromptStreamingTest {

    @Test
    void aPromptStreamsInAndTheFinalTextEqualsTheAuditedText(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=25&max_tokens=50&seed=3");

        String responseId = demo.ask("Tell me about streaming");

        demo.waitForTextWhileStreaming(1);
        assertThat(demo.testId("connection")).hasAttribute("data-state", "live");
        Answers.assertPageShowsTheAuditedText(demo, responseId);
        assertThat(demo.answer().locator("[data-testid=answer-status]")).containsText("complete");
    }
}
