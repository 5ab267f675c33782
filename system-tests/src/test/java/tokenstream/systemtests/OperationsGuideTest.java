package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tokenstream.localstack.LocalStack;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.Pipeline.TIMEOUT;

/**
 * Runs every {@code # ops-test} block of docs/operations.md with bash against the running pipeline, with the
 * guide's example addresses and conversation replaced by the real ones, and checks each block's {@code expect}.
 */
class OperationsGuideTest {
    private static final Path ROOT = Path.of(System.getProperty("tokenstream.repo-root", "..")).toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(# ops-test[^\\n]*)\\n(.*?)```", Pattern.DOTALL);

    /** One runnable block: its header options and its commands. */
    record GuideBlock(String name, String commands, String expect, boolean consumersStopped) {
        static GuideBlock parse(String header, String commands) {
            String expect = null;
            boolean stopped = false;
            String options = header.substring("# ops-test".length()).replaceFirst("^:\\s*", "");
            for (String option : options.split(";")) {
                String trimmed = option.trim();
                if (trimmed.equals("consumers stopped")) {
                    stopped = true;
                } else if (trimmed.startsWith("expect ")) {
                    expect = trimmed.substring("expect ".length());
                }
            }
            String firstCommand = commands.lines().filter(l -> !l.startsWith("KAFKA_CP=")).findFirst().orElse(commands);
            return new GuideBlock(firstCommand, commands, expect, stopped);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAgainstTheRealPipeline() throws IOException {
        List<GuideBlock> blocks = blocks();
        assertTrue(blocks.size() >= 8, "the guide's ops-test blocks: " + blocks.size());
        assertTrue(blocks.stream().anyMatch(b -> b.commands().contains("kcat")), "a kcat block");
        assertTrue(blocks.stream().anyMatch(b -> b.commands().contains("ConsoleConsumer")), "a console consumer block");
        Generations.Started conversation = finishedAndAudited();
        // The reset stops the consumers: it runs last, so the other blocks see a whole pipeline.
        return blocks.stream().sorted((a, b) -> Boolean.compare(a.consumersStopped(), b.consumersStopped()))
                .map(block -> DynamicTest.dynamicTest(block.name(), () -> run(block, conversation)));
    }

    private static void run(GuideBlock block, Generations.Started conversation) throws Exception {
        if (block.commands().contains("kcat")) {
            Assumptions.assumeTrue(HostCommands.onPath("kcat"), "kcat is not installed (.ci/run installs it)");
        }
        LocalStack stack = Pipeline.stack();
        if (block.consumersStopped()) {
            stack.consumers().stop();
        }
        String output;
        int exit;
        try {
            Process bash = new ProcessBuilder("bash", "-c", "set -o pipefail\n" + localize(block.commands(), conversation))
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(180, TimeUnit.SECONDS), block.name() + " did not finish");
            exit = bash.exitValue();
        } finally {
            if (block.consumersStopped()) {
                stack.consumers().start();
            }
        }
        assertEquals(0, exit, block.name() + " failed:\n" + output);
        if (block.expect() != null) {
            String expected = localize(block.expect(), conversation);
            assertTrue(output.contains(expected), block.name() + ": expected '" + expected + "' in\n" + output);
        }
        if (block.consumersStopped()) {
            // The reset rebuilt the audit from the retained chunks: the response is audited again, the same.
            var rebuilt = Pipeline.auditedResponse(conversation.responseId(), r -> "completed".equals(r.path("status").asText()));
            assertEquals(conversation.expectedText(), rebuilt.get("text").asText());
        }
    }

    private static String localize(String text, Generations.Started conversation) {
        LocalStack stack = Pipeline.stack();
        return text.replace("127.0.0.1:9092", stack.bootstrapServers())
                .replace("conv-42", conversation.conversationId())
                .replace("http://localhost:8081", stack.ingestUrl())
                .replace("http://localhost:8080", stack.relayUrl())
                .replace("http://localhost:8082", stack.consumersUrl())
                .replace("/tmp/kafka-streams", stack.dataDir().resolve("consumers-state").toString());
    }

    private static List<GuideBlock> blocks() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        List<GuideBlock> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(guide);
        while (matcher.find()) {
            blocks.add(GuideBlock.parse(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }

    private static Generations.Started finishedAndAudited() {
        var started = Generations.start("ops-guide-" + UUID.randomUUID(), "operations", 8, 6, 200);
        try (SseClient client = SseClient.open(URI.create(started.streamUrl()))) {
            client.until(SseEvent::isTerminal, TIMEOUT);
        }
        Pipeline.auditedResponse(started.responseId(), r -> "completed".equals(r.path("status").asText()));
        return started;
    }
}
