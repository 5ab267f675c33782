package tokenstream.browsertests;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The demo chat as a person uses it: type, send, watch, stop. Selectors are the page's data-testids. */
final class DemoPage {
    final Page page;

    private DemoPage(Page page) {
        this.page = page;
    }

    /**
     * Opens the page on {@code baseUrl} with the page's demo knobs as query string, e.g.
     * {@code tokens_per_second=12&max_tokens=80&grace=5s}.
     */
    static DemoPage open(Page page, String baseUrl, String knobs) {
        page.navigate(baseUrl + "/?" + knobs);
        DemoPage demo = new DemoPage(page);
        assertThat(demo.testId("send")).isEnabled();
        return demo;
    }

    Locator testId(String id) {
        return page.locator("[data-testid=" + id + "]");
    }

    /** The latest answer in the conversation. */
    Locator answer() {
        return testId("answer").last();
    }

    Locator answerText() {
        return answer().locator("[data-testid=answer-text]");
    }

    DemoPage jsonMode() {
        testId("json-toggle").check();
        return this;
    }

    DemoPage offerTool() {
        testId("tools-toggle").check();
        return this;
    }

    /** Sends a prompt and returns the response id of the answer it started. */
    String ask(String prompt) {
        int before = testId("answer").count();
        testId("prompt").fill(prompt);
        testId("send").click();
        assertThat(testId("answer")).hasCount(before + 1);
        return answer().getAttribute("data-response-id");
    }

    /** Waits until the answer shows at least {@code chars} characters while still streaming. */
    String waitForTextWhileStreaming(int chars) {
        page.waitForFunction("n => { const a = [...document.querySelectorAll('[data-testid=answer]')].pop();"
                + " return a && a.dataset.state === 'streaming' && a.querySelector('[data-testid=answer-text]').textContent.length >= n; }",
                chars);
        return answerText().textContent();
    }

    /** Waits for the answer's terminal state ({@code completed}, {@code cancelled}, {@code failed}). */
    void waitForEnd(String state) {
        assertThat(answer()).hasAttribute("data-state", state, new com.microsoft.playwright.assertions.LocatorAssertions
                .HasAttributeOptions().setTimeout(60_000));
    }

    int resumes() {
        return Integer.parseInt(testId("resumes").textContent().trim());
    }

    String connectionState() {
        return testId("connection").getAttribute("data-state");
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }
}
