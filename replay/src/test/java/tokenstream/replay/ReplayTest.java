package tokenstream.replay;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Usage;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;
import tokenstream.kafkasetup.KafkaConnection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay tool against recorded conversations on the real broker, each test on its own conversations. */
class ReplayTest {
    private static final String TOPIC = "replay-test-" + UUID.randomUUID();
    private static final Instant RECORDED_AT = Instant.parse("2026-03-01T12:00:00Z");
    /** Gaps between consecutive events of the recorded conversation, in ms: uneven, as a real model's are. */
    private static final long[] GAPS = {300, 800, 150, 150, 1200, 400, 90, 2000, 500, 1010, 600, 300, 500};
    private static String bootstrap;

    @BeforeAll
    static void ownTopic() {
        bootstrap = SharedKafka.get().bootstrapServers();
        try (var admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(new NewTopic(TOPIC, 3, (short) 1)));
        }
    }

    /**
     * A conversation of two responses whose events are {@link #GAPS} apart (by their own timestamps, which is
     * what a recording is); returns the positions written.
     */
    private static List<EventId> recordConversation(String conversationId) {
        List<ChunkEvent> events = new ArrayList<>();
        long[] at = {0};
        java.util.function.LongSupplier next = () -> at[0] += GAPS[events.size() % GAPS.length];
        events.add(new ChunkEvent.ResponseStarted(conversationId, "r1", 0, RECORDED_AT, "sim", null));
        for (String token : List.of("Kafka ", "keeps ", "every ", "token.")) {
            events.add(new ChunkEvent.TextDelta(conversationId, "r1", events.size(), RECORDED_AT.plusMillis(next.getAsLong()), token));
        }
        events.add(new ChunkEvent.ResponseCompleted(conversationId, "r1", 5, RECORDED_AT.plusMillis(next.getAsLong()),
                "stop", Usage.of(2, 4)));
        int base = events.size();
        events.add(new ChunkEvent.ResponseStarted(conversationId, "r2", 0, RECORDED_AT.plusMillis(next.getAsLong()), "sim", null));
        for (String token : List.of("And ", "replays ", "them.")) {
            events.add(new ChunkEvent.TextDelta(conversationId, "r2", events.size() - base, RECORDED_AT.plusMillis(next.getAsLong()), token));
        }
        events.add(new ChunkEvent.ResponseFailed(conversationId, "r2", 4, RECORDED_AT.plusMillis(next.getAsLong()),
                "upstream_error", "cut off"));
        List<EventId> positions = new ArrayList<>();
        try (TestChunks writer = new TestChunks(bootstrap, TOPIC)) {
            events.forEach(event -> positions.add(writer.write(event)));
        }
        return positions;
    }

    private static String conversationText() {
        return "[response r1 model=sim]\nKafka keeps every token.\n[completed stop]\n"
                + "[response r2 model=sim]\nAnd replays them.\n[failed upstream_error: cut off]\n";
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run replay(String... args) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrap, "--topic", TOPIC));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void replayAtTenTimesSpeedReproducesTheTextAndTheRelativeTimingWithinTenPercent() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        recordConversation(conversationId);
        List<ReplayedEvent> events = new ChunkReader(KafkaConnection.plaintext(bootstrap), TOPIC, System.err)
                .read(Selection.conversation(conversationId));
        List<Long> sentAtNanos = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TextSink printer = new TextSink(new PrintStream(text, true, StandardCharsets.UTF_8));

        Replayer.replay(events, 10, event -> {
            sentAtNanos.add(System.nanoTime());
            printer.accept(event);
        });

        assertEquals(conversationText(), text.toString(StandardCharsets.UTF_8));
        long recordedSpan = Duration.between(events.get(0).event().timestamp(),
                events.get(events.size() - 1).event().timestamp()).toMillis();
        double tolerance = 0.10 * recordedSpan / 10;
        for (int i = 1; i < events.size(); i++) {
            double expected = Duration.between(events.get(0).event().timestamp(), events.get(i).event().timestamp())
                    .toMillis() / 10.0;
            double actual = (sentAtNanos.get(i) - sentAtNanos.get(0)) / 1e6;
            assertTrue(Math.abs(actual - expected) <= tolerance, "event " + i + " replayed at " + actual
                    + " ms, recorded at " + expected + " ms (x10), tolerance " + tolerance + " ms");
        }
    }

    @Test
    void commandLinePrintsAConversationAsText() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        recordConversation(conversationId);

        Run run = replay("--conversation", conversationId, "--speed", "max");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(conversationText(), run.out());
    }

    @Test
    void aResponseIdRecordedInTwoConversationsIsRefusedWithoutAConversation() throws InterruptedException {
        String first = "conv-" + UUID.randomUUID();
        String second = "conv-" + UUID.randomUUID();
        recordConversation(first);
        recordConversation(second);

        Run run = replay("--response", "r2", "--speed", "max");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("add --conversation") && run.err().contains(first) && run.err().contains(second),
                run.err());
    }

    @Test
    void responseOptionReplaysOnlyThatResponse() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        recordConversation(conversationId);

        Run run = replay("--conversation", conversationId, "--response", "r2", "--speed", "max");

        assertEquals("[response r2 model=sim]\nAnd replays them.\n[failed upstream_error: cut off]\n", run.out());
    }

    @Test
    void timeRangeReplaysOnlyTheRecordsWrittenWithinIt() throws InterruptedException {
        String before = "conv-" + UUID.randomUUID();
        String within = "conv-" + UUID.randomUUID();
        String after = "conv-" + UUID.randomUUID();
        try (TestChunks writer = new TestChunks(bootstrap, TOPIC)) {
            writer.writeResponse(before, "early", List.of("too ", "early"));
            Thread.sleep(50); // record times have millisecond resolution: keeps "before" out of the range under test
            Instant from = Instant.now();
            writer.writeResponse(within, "inside", List.of("in ", "range"));
            Instant to = Instant.now();
            Thread.sleep(50); // keeps "after" out of the range under test
            writer.writeResponse(after, "late", List.of("too ", "late"));

            Run run = replay("--from", from.toString(), "--to", String.valueOf(to.toEpochMilli()), "--speed", "max");

            assertEquals("[response inside model=test-model]\nin range\n[completed stop]\n", run.out());
        }
    }

    @Test
    void sseReplayUsesTheRelaysEventIdsTypesAndJson() {
        String conversationId = "conv-" + UUID.randomUUID();
        List<EventId> positions = recordConversation(conversationId);
        List<ReplayedEvent> events = new ChunkReader(KafkaConnection.plaintext(bootstrap), TOPIC, System.err)
                .read(Selection.conversation(conversationId));

        try (SseReplayServer server = SseReplayServer.start(0, events, Replayer.AS_FAST_AS_POSSIBLE);
             SseClient client = SseClient.open(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
            List<SseEvent> received = client.take(positions.size(), Duration.ofSeconds(10));

            assertEquals(200, client.status());
            assertEquals("text/event-stream", client.header("Content-Type"));
            assertEquals(positions.stream().map(EventId::encode).toList(),
                    received.stream().map(SseEvent::id).toList());
            assertEquals("response.started", received.get(0).event());
            assertEquals("Kafka ", received.get(1).json().get("text").asText());
            assertEquals("response.failed", received.get(received.size() - 1).event());
        }
    }

    @Test
    void recordThatIsNotAnEventIsSkippedWithAWarning() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        try (TestChunks writer = new TestChunks(bootstrap, TOPIC)) {
            writer.writeRaw(conversationId, "typed into a console producer".getBytes(StandardCharsets.UTF_8));
            writer.writeResponse(conversationId, "after-poison", List.of("fine"));
        }

        Run run = replay("--conversation", conversationId, "--speed", "max");

        assertEquals(0, run.exitCode());
        assertEquals("[response after-poison model=test-model]\nfine\n[completed stop]\n", run.out());
        assertTrue(run.err().contains("skipping " + TOPIC + "/") && run.err().contains("not valid JSON"), run.err());
    }

    @Test
    void withoutASelectionTheToolPrintsItsUsageAndExitsWithTwo() throws InterruptedException {
        Run run = replay("--speed", "10");

        assertEquals(ReplayMain.USAGE_ERROR, run.exitCode());
        assertTrue(run.err().contains("name a conversation, a response or a start time"), run.err());
        assertTrue(run.err().contains("usage: replay"), run.err());
    }

    @Test
    void nonPositiveSpeedIsAUsageError() throws InterruptedException {
        Run run = replay("--conversation", "c", "--speed", "0");

        assertEquals(ReplayMain.USAGE_ERROR, run.exitCode());
        assertTrue(run.err().contains("--speed must be a positive number or 'max', got 0"), run.err());
    }
}
