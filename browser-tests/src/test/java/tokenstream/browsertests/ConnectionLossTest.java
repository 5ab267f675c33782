package tokenstream.browsertests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class ConnectionLossTest {
    private static final String KNOBS = "tokens_per_second=10&max_tokens=60&seed=5&grace=30s";

    @Test
    void aConnectionCutServerSideMidAnswerIsResumedWithNoLostOrRepeatedToken(Page page) throws Exception {
        try (ConnectionCutter cutter = new ConnectionCutter(Stack.get().relay().port())) {
            DemoPage demo = DemoPage.open(page, cutter.url(), KNOBS);
            String responseId = demo.ask("Cut me off mid-sentence");
            demo.waitForTextWhileStreaming(20);

            assertTrue(cutter.cutAll() > 0, "the stream's connection went through the proxy");

            assertThat(demo.testId("resumes")).hasText("1");
            Answers.assertPageShowsTheAuditedText(demo, responseId);
        }
    }

    @Test
    void aConnectionCutServerSideIsResumedAlsoOverTheFetchStreamingTransport(Page page) throws Exception {
        try (ConnectionCutter cutter = new ConnectionCutter(Stack.get().relay().port())) {
            DemoPage demo = DemoPage.open(page, cutter.url(), KNOBS + "&transport=fetch");
            String responseId = demo.ask("Cut me off, fetch edition");
            demo.waitForTextWhileStreaming(20);

            assertTrue(cutter.cutAll() > 0, "the stream's connection went through the proxy");

            assertThat(demo.testId("resumes")).hasText("1");
            Answers.assertPageShowsTheAuditedText(demo, responseId);
        }
    }

    @Test
    void theBrowserGoingOfflineAndBackMidAnswerIsResumedWithNoLostOrRepeatedToken(Page page, BrowserContext context) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), KNOBS);
        String responseId = demo.ask("Survive a tunnel");
        String before = demo.waitForTextWhileStreaming(20);

        context.setOffline(true);
        assertThat(demo.testId("connection")).hasAttribute("data-state", "offline");
        Stack.sleep(1_500); // offline for a while, the gap to resume across: tokens keep coming on the server meanwhile
        assertTrue(demo.answerText().textContent().length() - before.length() < 40,
                "nothing much arrives while offline");
        context.setOffline(false);

        assertThat(demo.testId("resumes")).hasText("1");
        Answers.assertPageShowsTheAuditedText(demo, responseId);
    }
}
