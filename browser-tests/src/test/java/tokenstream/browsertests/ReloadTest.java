package tokenstream.browsertests;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class ReloadTest {

    @Test
    void reloadingMidAnswerContinuesTheSameResponseFromWhereItWas(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=10&max_tokens=60&seed=7&grace=30s");
        String responseId = demo.ask("Keep going after a reload");
        demo.waitForTextWhileStreaming(20);

        List<String> streamsAfterReload = new CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.url().contains("/stream")) {
                streamsAfterReload.add(r.url());
            }
        });
        page.reload();
        String restored = demo.answerText().textContent();

        assertThat(demo.testId("answer")).hasCount(1);
        assertEquals(responseId, demo.answer().getAttribute("data-response-id"), "the same response continues");
        assertThat(demo.answer()).hasAttribute("data-restored", "true");
        assertTrue(restored.length() >= 20, "the text from before the reload is shown at once: '" + restored + "'");
        Answers.assertPageShowsTheAuditedText(demo, responseId);
        assertTrue(demo.answerText().textContent().startsWith(restored));
        assertTrue(!streamsAfterReload.isEmpty() && streamsAfterReload.get(0).contains("lastEventId="),
                "after the reload the stream resumes after the stored position, not from the start: " + streamsAfterReload);
    }
}
