package tokenstream.browsertests;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The picture of the demo in the docs: a finished answer with a tool-call card, then a JSON-mode answer mid-stream
 * after one dropped connection. Always written to {@code target/screenshots/demo.png}; with
 * {@code -Dtokenstream.update-docs-screenshot=true} also to {@code docs/screenshots/demo.png}.
 */
@ExtendWith(Chromium.class)
class DemoScreenshotTest {

    @Test
    void theDemoPageMidStreamShowsTextToolCardsPartialJsonAndResumes(Page page) throws IOException {
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "tokens_per_second=12&max_tokens=24&seed=8&grace=30s");
        demo.offerTool();
        demo.ask("What's the weather like in Lisbon, and why does streaming matter?");
        demo.waitForEnd("completed");
        demo.testId("tools-toggle").uncheck();

        demo.jsonMode().ask("Summarize resumable streaming as JSON");
        page.waitForFunction("() => document.querySelector('[data-field=summary]')");
        demo.testId("drop").click();
        assertThat(demo.testId("resumes")).hasText("1");
        page.waitForFunction("() => { const a = [...document.querySelectorAll('[data-testid=answer]')].pop();"
                + " const s = a.querySelector('[data-field=summary]'); const pre = a.querySelector('[data-testid=partial-json]');"
                + " return a.dataset.state === 'streaming' && s && pre.textContent.length > 140; }");

        Path shot = Path.of(System.getProperty("tokenstream.screenshots", "target/screenshots")).resolve("demo.png");
        Files.createDirectories(shot.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(shot));
        assertTrue(Files.size(shot) > 10_000, "a real picture was written: " + shot);
        if (Boolean.getBoolean("tokenstream.update-docs-screenshot")) {
            Path docs = Path.of(System.getProperty("tokenstream.repo-root", "..")).resolve("docs/screenshots/demo.png");
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
