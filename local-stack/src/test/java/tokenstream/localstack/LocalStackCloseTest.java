package tokenstream.localstack;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackCloseTest {

    @Test
    void closeLeavesNoChildProcessBehind(@TempDir Path dataDir) {
        Path root = Repositories.real();
        Assumptions.assumeTrue(Repositories.servicesBuilt(root),
                "ingest, relay and consumers are not packaged under " + root + "; run ./mvnw -DskipTests install");
        LocalStack stack = LocalStack.builder().repoRoot(root).dataDir(dataDir).build().start();
        List<ProcessHandle> started = ProcessHandle.current().descendants().collect(Collectors.toList());
        assertTrue(started.size() >= 4, "expected the broker and three services, found " + describe(started));

        stack.close();

        assertEquals(List.of(), describe(started.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList())));
        assertEquals(List.of(), describe(ProcessHandle.current().descendants().collect(Collectors.toList())));
    }

    private static List<String> describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.toList());
    }
}
