package tokenstream.systemtests;

import tokenstream.localstack.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local stack of a test class's own, for the drills that break it (kill the broker, crash a service, poison a
 * topic) and so must not share {@link Pipeline}'s. HTTP security has its own tests (SecuredPipelineTest): these
 * stacks run without it.
 */
final class OwnStack {
    private OwnStack() {
    }

    /** A stack whose data lives in a new temporary folder named for the drill. */
    static LocalStack.Builder builder(String name) throws IOException {
        return builder(Files.createTempDirectory("tokenstream-" + name + "-"));
    }

    /** A stack whose data lives in {@code dataDir}, for drills that also keep their own broker there. */
    static LocalStack.Builder builder(Path dataDir) {
        return LocalStack.builder().withoutSecurity()
                .repoRoot(Path.of(System.getProperty("tokenstream.repo-root", "..")))
                .dataDir(dataDir);
    }

    /** The stack started, with the services' defaults. */
    static LocalStack start(String name) throws IOException {
        return builder(name).build().start();
    }
}
