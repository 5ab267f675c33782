package tokenstream.browsertests;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven by Playwright: one browser per test JVM, a fresh context and page per test
 * (resolved as a {@link Page} or {@link BrowserContext} parameter), and a screenshot of the page when a test
 * fails, in {@code target/screenshots/<class>.<method>.png}.
 *
 * <p>Without {@code /usr/bin/chromium} the tests are skipped with the reason ({@code .ci/run} installs it).
 */
final class Chromium implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback, ParameterResolver {
    static final Path EXECUTABLE = Paths.get(System.getProperty("tokenstream.chromium", "/usr/bin/chromium"));
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Chromium.class);
    private static Playwright playwright;
    private static Browser browser;

    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }, "chromium-stop"));
        }
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(Files.isExecutable(EXECUTABLE), EXECUTABLE + " is missing: install Debian's chromium package"
                + " (apt-get install chromium; .ci/run does) to run the browser tests");
        BrowserContext browserContext = browser().newContext(new Browser.NewContextOptions().setViewportSize(1200, 860));
        Page page = browserContext.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) {
                System.out.println("[browser " + m.type() + "] " + m.text());
            }
        });
        page.onPageError(e -> System.out.println("[browser page error] " + e));
        context.getStore(NS).put(BrowserContext.class, browserContext);
        context.getStore(NS).put(Page.class, page);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        Page page = context.getStore(NS).get(Page.class, Page.class);
        if (context.getExecutionException().isEmpty() || page == null) {
            return;
        }
        Path file = Path.of(System.getProperty("tokenstream.screenshots", "target/screenshots"))
                .resolve(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName() + ".png");
        Files.createDirectories(file.getParent());
        for (Page open : page.context().pages()) {
            if (!open.isClosed()) {
                open.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                System.out.println("screenshot of the failed test: " + file.toAbsolutePath());
                return;
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserContext browserContext = context.getStore(NS).remove(BrowserContext.class, BrowserContext.class);
        if (browserContext != null) {
            browserContext.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getStore(NS).get(parameter.getParameter().getType());
    }
}
