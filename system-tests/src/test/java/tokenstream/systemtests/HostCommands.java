package tokenstream.systemtests;

import java.io.IOException;

/** The command-line tools of the machine the tests run on (kcat, docker-compose), which some tests need. */
final class HostCommands {
    private HostCommands() {
    }

    /** Whether {@code command} is on the PATH. */
    static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
