package tokenstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/tokenstream-local --help} answers at once, whatever is built. */
class LauncherHelpTest {

    @Test
    void helpPrintsTheLaunchersUsageWithoutBuildingAnything(@TempDir Path checkout) throws Exception {
        // A checkout with nothing built and nothing to build with: no sources, no Maven wrapper.
        Path script = checkout.resolve("bin/tokenstream-local");
        Path usage = checkout.resolve("local-stack/src/main/resources/tokenstream/localstack/usage.txt");
        Files.createDirectories(script.getParent());
        Files.createDirectories(usage.getParent());
        Files.copy(Repositories.real().resolve("bin/tokenstream-local"), script);
        Files.copy(Repositories.real().resolve("local-stack/src/main/resources/tokenstream/localstack/usage.txt"), usage);

        Process help = new ProcessBuilder("bash", script.toString(), "--help").redirectErrorStream(true).start();

        assertTrue(help.waitFor(10, TimeUnit.SECONDS), "--help did not answer within 10 s");
        String printed = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, help.exitValue(), printed);
        assertEquals(LaunchOptions.USAGE + "\n", printed);
    }
}
