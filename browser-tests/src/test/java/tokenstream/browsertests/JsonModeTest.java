package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Chromium.class)
class JsonModeTest {

    @Test
    void thePartialObjectRendersWhileStreamingAndTheFinalObjectIsTheAuditedOne(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=15&max_tokens=30&seed=2&grace=30s").jsonMode();
        String responseId = demo.ask("Summarize streaming as JSON");

        // Mid-stream: title is whole, summary is still growing, and both are on screen.
        page.waitForFunction("() => { const a = [...document.querySelectorAll('[data-testid=answer]')].pop();"
                + " const f = a && a.querySelector('[data-testid=json-fields]');"
                + " return a.dataset.state === 'streaming' && f.querySelector('[data-field=title][data-complete=true]')"
                + " && f.querySelector('[data-field=summary][data-complete=false]'); }");
        JsonNode partial = Stack.json(demo.answer().locator("[data-testid=partial-json]").textContent());

        demo.waitForEnd("completed");
        JsonNode audited = Stack.auditedEnd(responseId);
        JsonNode document = Stack.json(audited.path("text").asText());
        assertEquals(document.path("title"), partial.path("title"), "a complete field shows its final value");
        String growing = partial.path("summary").asText();
        assertTrue(document.path("summary").asText().startsWith(growing) && growing.length() < document.path("summary").asText().length(),
                "the pending field showed a prefix: '" + growing + "'");
        JsonNode shown = Stack.json(demo.answer().locator("[data-testid=partial-json]").textContent());
        assertEquals(document, shown, "the final object is the audited document");
        assertThat(demo.answer().locator("[data-testid=json-fields] li[data-complete=false]")).hasCount(0);
    }

    @Test
    void anInvalidJsonStreamShowsTheTypedError(Page page) {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(),
                "tokens_per_second=15&max_tokens=30&grace=30s&invalid_json_at_token=6").jsonMode();
        String responseId = demo.ask("Break the JSON");

        demo.waitForEnd("failed");
        assertThat(demo.answer().locator("[data-testid=error]")).isVisible();
        assertThat(demo.answer().locator("[data-testid=error]")).hasAttribute("data-code", "invalid_json");
        assertThat(demo.answer().locator("[data-testid=error]")).hasAttribute("data-kind", "response");
        JsonNode audited = Stack.auditedEnd(responseId);
        assertEquals("failed", audited.path("status").asText());
        assertEquals("invalid_json", audited.path("error").path("code").asText());
    }
}
