package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tokenstream.kafkalocal.KafkaConsoleTools;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Topics;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.Pipeline.TIMEOUT;

/** Operators read the topics with the tools they already use: keys are strings, values JSON, metadata in headers. */
class OperatorToolsTest {

    @Test
    void consoleConsumerShowsTheConversationIdAsKeyAndJsonValues() throws Exception {
        var started = finishedGeneration();
        var result = KafkaConsoleTools.run(120, KafkaConsoleTools.CONSOLE_CONSUMER,
                "--bootstrap-server", Pipeline.stack().bootstrapServers(),
                "--topic", Topics.CHUNKS, "--from-beginning", "--timeout-ms", "5000",
                "--property", "print.key=true",
                "--property", "print.headers=true",
                "--property", "key.separator=|");
        List<String> ours = result.output().lines().filter(l -> l.contains("|" + started.conversationId() + "|")).toList();
        assertEquals(started.maxTokens() + 2, ours.size(), () -> "console consumer output:\n" + result.output());
        for (String line : ours) {
            String[] parts = line.split("\\|", 3);
            assertTrue(parts[0].contains("event-type:") && parts[0].contains("response-id:" + started.responseId()), parts[0]);
            assertEquals(started.conversationId(), parts[1]);
            assertTrue(ProtocolJson.mapper().readTree(parts[2]).isObject(), parts[2]);
        }
    }

    @Test
    void kcatPrintsTheConversationIdAsKeyAndJsonValues() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kcat")) || HostCommands.onPath("kcat"),
                "kcat is not installed (.ci/run installs it)");
        var started = finishedGeneration();
        Process kcat = new ProcessBuilder("kcat", "-b", Pipeline.stack().bootstrapServers(), "-t", Topics.CHUNKS,
                "-C", "-e", "-q", "-f", "%k\t%h\t%s\n").redirectErrorStream(true).start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kcat.waitFor(60, TimeUnit.SECONDS));
        List<String> ours = output.lines().filter(l -> l.startsWith(started.conversationId() + "\t")).toList();
        assertEquals(started.maxTokens() + 2, ours.size(), output);
        assertTrue(ours.get(0).contains("event-type=response.started"), ours.get(0));
        assertFalse(ours.stream().anyMatch(l -> !l.split("\t", 3)[2].startsWith("{")));
    }

    private static Generations.Started finishedGeneration() {
        var started = Generations.start("ops-" + UUID.randomUUID(), "operators", 5, 6, 200);
        try (SseClient client = SseClient.open(URI.create(started.streamUrl()))) {
            client.until(SseEvent::isTerminal, TIMEOUT);
        }
        return started;
    }
}
