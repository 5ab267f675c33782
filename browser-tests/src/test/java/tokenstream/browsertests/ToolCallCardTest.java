package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(Chromium.class)
class ToolCallCardTest {

    @Test
    void aToolCallCardAppearsOnlyWithItsCompleteArguments(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=20&max_tokens=20&seed=4&grace=30s").offerTool();
        // Records every card's arguments the moment it enters the page: a card must never show a fragment.
        page.evaluate("() => { window.cardsSeen = []; new MutationObserver(ms => ms.forEach(m => m.addedNodes.forEach(n => {"
                + " if (n.dataset && n.dataset.testid === 'tool-call') window.cardsSeen.push(n.querySelector('pre').textContent); })))"
                + ".observe(document.getElementById('thread'), { childList: true, subtree: true }); }");
        String responseId = demo.ask("What is the weather in Lisbon?");

        demo.waitForEnd("completed");
        assertThat(demo.answer().locator("[data-testid=tool-call]")).hasCount(1);
        JsonNode audited = Stack.auditedEnd(responseId);
        JsonNode call = audited.path("tool_calls").path(0);
        JsonNode seenAtInsertion = Stack.json(page.evaluate("() => window.cardsSeen[0]").toString());
        assertEquals(call.path("arguments"), seenAtInsertion, "the card was whole when it appeared");
        assertThat(demo.answer().locator("[data-testid=tool-call]")).containsText(call.path("name").asText());
    }
}
