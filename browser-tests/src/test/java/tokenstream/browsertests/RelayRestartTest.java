package tokenstream.browsertests;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class RelayRestartTest {

    @Test
    void theRelayRestartedMidAnswerIsResumedByThePageOnItsOwn(Page page) {
        // grace=60s: the presence policy must not cancel the answer while no relay is up to report the watcher.
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=8&max_tokens=100&seed=11&grace=60s");
        String responseId = demo.ask("Outlive the relay");
        demo.waitForTextWhileStreaming(20);

        Stack.get().relay().restart();

        Answers.assertPageShowsTheAuditedText(demo, responseId);
        assertTrue(demo.resumes() >= 1, "the page resumed (resumes = " + demo.resumes() + ")");
    }
}
