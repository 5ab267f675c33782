package tokenstream.consumers.assembly;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseTopologyTest {
    private static final String CHUNKS = "chunks-in";
    private static final String RESPONSES = "responses-out";
    private static final String DEAD_LETTER = "dead-letter-out";
    private static final String STATS = "stats-out";
    private static final Duration ABANDON_AFTER = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> chunks;
    private TestOutputTopic<String, byte[]> responses;
    private TestOutputTopic<String, byte[]> deadLetter;
    private TestOutputTopic<String, byte[]> stats;
    private TestOutputTopic<String, byte[]> chunksOut;
    private final ResponseEvents r = ResponseEvents.fresh();
    /** The driver's wall clock; records are written at it, as ingest stamps them when it writes them. */
    private Instant wallClock = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void startDriver() {
        startDriver(AssemblySettings.of(CHUNKS, RESPONSES, DEAD_LETTER, STATS)
                .withAbandonAfter(ABANDON_AFTER, Duration.ofSeconds(1)));
    }

    private void startDriver(AssemblySettings settings) {
        if (driver != null) {
            driver.close();
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "response-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ResponseTopology.build(settings), props, wallClock);
        chunks = driver.createInputTopic(CHUNKS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        responses = driver.createOutputTopic(RESPONSES, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetter = driver.createOutputTopic(DEAD_LETTER, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        stats = driver.createOutputTopic(STATS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        chunksOut = driver.createOutputTopic(CHUNKS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(ChunkEvent... events) {
        sendWrittenAt(wallClock, events);
    }

    /** Records written at {@code writtenAt}: earlier than the wall clock for a task that is behind. */
    private void sendWrittenAt(Instant writtenAt, ChunkEvent... events) {
        for (ChunkEvent event : events) {
            chunks.pipeInput(event.conversationId(), ChunkEventCodec.write(event), writtenAt);
        }
    }

    private void advance(Duration time) {
        wallClock = wallClock.plus(time);
        driver.advanceWallClockTime(time);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void endedResponseIsPublishedKeyedByConversationAndResponseIdWithItsAssembledJson() {
        send(r.started(0, "simulator"), r.text(1, "Hello"), r.text(2, ", world"), r.completed(3, "stop", Usage.of(4, 2)));

        List<TestRecord<String, byte[]>> published = responses.readRecordsToList();
        TestRecord<String, byte[]> last = published.get(published.size() - 1);
        AssembledResponse response = AssembledResponseJson.read(last.value());
        assertEquals(r.conversationId + "/" + r.responseId, last.key());
        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals("Hello, world", response.text());
        assertEquals("simulator", response.model());
        assertEquals(new Usage(4, 2, 6), response.usage());
        assertEquals(0, response.firstOffset());
        assertEquals(3, response.lastOffset());
    }

    @Test
    void responseIsPublishedInProgressAtStartAndNotPerDelta() {
        send(r.started(0, "m"), r.text(1, "a"), r.text(2, "b"));

        List<TestRecord<String, byte[]>> published = responses.readRecordsToList();
        assertEquals(1, published.size());
        assertEquals(ResponseStatus.IN_PROGRESS, AssembledResponseJson.read(published.get(0).value()).status());
    }

    @Test
    void inProgressResponseKeepsItsStateAndItsTextAsPartsUntilItEnds() {
        send(r.started(0, "m"), r.text(1, "a"), r.text(2, "b"));

        AssemblyState state = driver.<String, AssemblyState>getKeyValueStore(ResponseTopology.ASSEMBLY_STATE_STORE)
                .get(ResponseKey.of(r.conversationId, r.responseId));
        assertEquals(ResponseStatus.IN_PROGRESS, state.status());
        assertEquals(3, state.head().eventCount());
        assertEquals(2, state.parts());
        KeyValueStore<String, ResponsePart> parts = driver.getKeyValueStore(ResponseTopology.RESPONSE_PARTS_STORE);
        assertEquals(ResponsePart.text("b"), parts.get(PartKey.of(ResponseKey.of(r.conversationId, r.responseId), 1)));
    }

    @Test
    void partsAreDroppedOnceTheEndedResponseIsPublished() {
        send(r.started(0, "m"), r.text(1, "a"), r.completed(2, "stop", null));

        KeyValueStore<String, ResponsePart> parts = driver.getKeyValueStore(ResponseTopology.RESPONSE_PARTS_STORE);
        assertEquals(null, parts.get(PartKey.of(ResponseKey.of(r.conversationId, r.responseId), 0)));
        assertEquals("a", driver.<String, AssembledResponse>getKeyValueStore(ResponseTopology.RESPONSES_STORE)
                .get(ResponseKey.of(r.conversationId, r.responseId)).text());
    }

    @Test
    void recordThatIsNotJsonIsDeadLetteredWithReasonAndSourceAndProcessingContinues() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        chunks.pipeInput(new TestRecord<>(r.conversationId, garbage, headers));
        send(r.started(0, "m"), r.text(1, "still here"), r.completed(2, "stop", null));

        TestRecord<String, byte[]> dead = deadLetter.readRecord();
        assertEquals(r.conversationId, dead.key());
        assertArrayEquals(garbage, dead.value());
        assertTrue(header(dead, EventHeaders.DEAD_LETTER_REASON).startsWith("not valid JSON"),
                header(dead, EventHeaders.DEAD_LETTER_REASON));
        assertEquals(CHUNKS + "/0/0", header(dead, EventHeaders.DEAD_LETTER_SOURCE));
        assertEquals("t-1", header(dead, "trace-id"));
        List<TestRecord<String, byte[]>> published = responses.readRecordsToList();
        AssembledResponse response = AssembledResponseJson.read(published.get(published.size() - 1).value());
        assertEquals("still here", response.text());
        assertEquals(ResponseStatus.COMPLETED, response.status());
    }

    @Test
    void jsonThatIsNotAValidEventIsDeadLetteredWithTheCodecReason() {
        byte[] noSeq = ("{\"type\":\"text.delta\",\"conversation_id\":\"" + r.conversationId
                + "\",\"response_id\":\"" + r.responseId + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"text\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8);
        chunks.pipeInput(r.conversationId, noSeq);

        TestRecord<String, byte[]> dead = deadLetter.readRecord();
        assertEquals("field 'seq' must be a non-negative integer", header(dead, EventHeaders.DEAD_LETTER_REASON));
        assertTrue(responses.isEmpty());
    }

    @Test
    void seqTooFarAheadIsDeadLetteredAndTheResponseGoesOn() {
        send(r.started(0, "m"), r.text(1, "a"));
        chunks.pipeInput(r.conversationId, ChunkEventCodec.write(new ChunkEvent.TextDelta(r.conversationId,
                r.responseId, 2_147_483_648L, ResponseEvents.T0, "poison")));
        send(r.text(2, "b"), r.completed(3, "stop", null));

        assertTrue(header(deadLetter.readRecord(), EventHeaders.DEAD_LETTER_REASON).contains("seq 2147483648"));
        AssembledResponse response = lastPublished();
        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals("ab", response.text());
    }

    @Test
    void valueThatIsNotUtf8IsDeadLettered() {
        chunks.pipeInput(r.conversationId, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});

        assertTrue(header(deadLetter.readRecord(), EventHeaders.DEAD_LETTER_REASON).startsWith("not valid JSON"));
    }

    @Test
    void responseTooLargeForOneAuditRecordIsAuditedFailedOutputTooLargeWithItsTextTruncated() {
        startDriver(AssemblySettings.of(CHUNKS, RESPONSES, DEAD_LETTER, STATS).withLimits(16, 600_000));
        String delta = "x".repeat(10_000);
        send(r.started(0, "m"));
        for (int seq = 1; seq <= 20; seq++) {
            send(r.text(seq, delta));
        }
        send(r.completed(21, "stop", null));

        AssembledResponse response = lastPublished();
        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals("output_too_large", response.error().code());
        assertEquals(Boolean.TRUE, response.truncated());
        assertEquals(0, response.text().length() % delta.length(), "whole deltas are kept");
        assertTrue(response.text().length() < 20 * delta.length());
        assertEquals(22, response.eventCount());
    }

    @Test
    void eventUnderAnotherConversationsKeyIsDeadLettered() {
        ChunkEvent started = r.started(0, "m");
        chunks.pipeInput("some-other-conversation", ChunkEventCodec.write(started));

        TestRecord<String, byte[]> dead = deadLetter.readRecord();
        assertEquals("some-other-conversation", dead.key());
        assertTrue(header(dead, EventHeaders.DEAD_LETTER_REASON).contains("is not the event's conversation_id"));
        assertTrue(responses.isEmpty());
    }

    private AssembledResponse lastPublished() {
        List<TestRecord<String, byte[]>> published = responses.readRecordsToList();
        return AssembledResponseJson.read(published.get(published.size() - 1).value());
    }

    @Test
    void quietGenerationGetsResponseFailedIngestLostOnTheChunksTopicAndIsAuditedFailed() {
        send(r.started(0, "m").withSource("generation"), r.text(1, "half a sen"));
        responses.readRecordsToList();

        advance(ABANDON_AFTER.plusSeconds(1));

        TestRecord<String, byte[]> written = chunksOut.readRecord();
        assertEquals(r.conversationId, written.key());
        ChunkEvent.ResponseFailed failed = (ChunkEvent.ResponseFailed) ChunkEventCodec.read(written.value());
        assertEquals("ingest_lost", failed.code());
        assertEquals(2, failed.seq());
        assertEquals("response.failed", header(written, EventHeaders.EVENT_TYPE));
        assertEquals(r.responseId, header(written, EventHeaders.RESPONSE_ID));
        assertEquals("2", header(written, EventHeaders.SEQ));
        // The test driver, like the broker, hands what the topology writes to a topic it reads back to it.
        AssembledResponse response = lastPublished();
        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals("ingest_lost", response.error().code());
        assertEquals("half a sen", response.text());
    }

    @Test
    void quietPushedResponseGetsResponseFailedProducerTimeout() {
        send(r.started(0, "m").withSource("push"), r.text(1, "a"), r.text(3, "c"));

        advance(ABANDON_AFTER.plusSeconds(1));

        ChunkEvent.ResponseFailed failed = (ChunkEvent.ResponseFailed) ChunkEventCodec.read(chunksOut.readRecord().value());
        assertEquals("producer_timeout", failed.code());
        assertEquals(4, failed.seq(), "last seq seen + 1, past the gap");
    }

    @Test
    void quietResponseThatDoesNotSayItsSourceIsTreatedAsPushed() {
        send(r.started(0, "m"));

        advance(ABANDON_AFTER.plusSeconds(1));

        assertEquals("producer_timeout",
                ((ChunkEvent.ResponseFailed) ChunkEventCodec.read(chunksOut.readRecord().value())).code());
    }

    @Test
    void quietResponsesOfTwoConversationsSharingAResponseIdEachGetTheirOwnTerminalEvent() {
        ResponseEvents a = ResponseEvents.fresh();
        ResponseEvents b = new ResponseEvents(a.conversationId + "-other", a.responseId);
        send(a.started(0, "m").withSource("generation"), a.text(1, "from A"),
                b.started(0, "m").withSource("push"), b.text(1, "from B"), b.text(2, " and more"));

        advance(ABANDON_AFTER.plusSeconds(1));

        java.util.Map<String, TestRecord<String, byte[]>> written = new java.util.HashMap<>();
        chunksOut.readRecordsToList().forEach(record -> written.put(record.key(), record));
        assertEquals(java.util.Set.of(a.conversationId, b.conversationId), written.keySet());
        ChunkEvent.ResponseFailed ofA = (ChunkEvent.ResponseFailed) ChunkEventCodec.read(written.get(a.conversationId).value());
        ChunkEvent.ResponseFailed ofB = (ChunkEvent.ResponseFailed) ChunkEventCodec.read(written.get(b.conversationId).value());
        assertEquals(List.of(a.conversationId, a.responseId, 2L, "ingest_lost"),
                List.of(ofA.conversationId(), ofA.responseId(), ofA.seq(), ofA.code()));
        assertEquals(List.of(b.conversationId, b.responseId, 3L, "producer_timeout"),
                List.of(ofB.conversationId(), ofB.responseId(), ofB.seq(), ofB.code()));
        assertEquals(a.responseId, header(written.get(b.conversationId), EventHeaders.RESPONSE_ID));
        KeyValueStore<String, AssembledResponse> store = driver.getKeyValueStore(ResponseTopology.RESPONSES_STORE);
        AssembledResponse auditedA = store.get(ResponseKey.of(a.conversationId, a.responseId));
        AssembledResponse auditedB = store.get(ResponseKey.of(b.conversationId, b.responseId));
        assertEquals(List.of(ResponseStatus.FAILED, "ingest_lost", "from A"),
                List.of(auditedA.status(), auditedA.error().code(), auditedA.text()));
        assertEquals(List.of(ResponseStatus.FAILED, "producer_timeout", "from B and more"),
                List.of(auditedB.status(), auditedB.error().code(), auditedB.text()));
    }

    @Test
    void sweepingOneConversationsResponseLeavesTheSameIdInAnotherConversationOpen() {
        ResponseEvents a = ResponseEvents.fresh();
        ResponseEvents b = new ResponseEvents(a.conversationId + "-other", a.responseId);
        send(a.started(0, "m"), b.started(0, "m"));
        advance(ABANDON_AFTER.minusSeconds(5));
        send(b.text(1, "still alive"));
        advance(Duration.ofSeconds(6));

        List<TestRecord<String, byte[]>> written = chunksOut.readRecordsToList();
        assertEquals(List.of(a.conversationId), written.stream().map(TestRecord::key).toList());
        assertEquals(ResponseStatus.IN_PROGRESS,
                driver.<String, AssembledResponse>getKeyValueStore(ResponseTopology.RESPONSES_STORE)
                        .get(ResponseKey.of(b.conversationId, b.responseId)).status());
    }

    @Test
    void eachRecordRestartsTheAbandonClock() {
        send(r.started(0, "m"));
        advance(ABANDON_AFTER.minusSeconds(5));
        send(r.text(1, "still alive"));
        advance(ABANDON_AFTER.minusSeconds(5));

        assertEquals(ResponseStatus.IN_PROGRESS,
                driver.<String, AssembledResponse>getKeyValueStore(ResponseTopology.RESPONSES_STORE)
                        .get(ResponseKey.of(r.conversationId, r.responseId)).status());
    }

    @Test
    void aTaskReadingABacklogDoesNotTakeUnreadEventsForAQuietProducer() {
        ResponseEvents other = ResponseEvents.fresh();
        Instant started = wallClock;
        send(r.started(0, "m").withSource("generation"));
        // The task falls behind: for twice the abandon timeout it reads only records written within a second of the start.
        for (int second = 1; second <= 2 * ABANDON_AFTER.toSeconds(); second++) {
            advance(Duration.ofSeconds(1));
            sendWrittenAt(started.plusMillis(second * 10L), other.text(second, "x"));
        }
        sendWrittenAt(started.plusSeconds(1), r.text(1, "late but real"), r.completed(2, "stop", null));

        assertTrue(chunksOut.isEmpty(), "no terminal event written for a response whose events were not read yet");
        AssembledResponse response = lastPublished();
        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals(0, response.integrity().duplicates());
    }

    @Test
    void aCaughtUpTaskAbandonsAQuietResponseByTheWallClock() {
        send(r.started(0, "m").withSource("generation"));

        advance(ABANDON_AFTER.plusSeconds(1));

        assertEquals("ingest_lost", ((ChunkEvent.ResponseFailed) ChunkEventCodec.read(chunksOut.readRecord().value())).code());
    }

    @Test
    void aRecordStampedInTheFutureDoesNotKeepItsResponseOpen() {
        sendWrittenAt(wallClock.plus(Duration.ofDays(365)), r.started(0, "m").withSource("generation"));

        advance(ABANDON_AFTER.plusSeconds(1));

        assertEquals("ingest_lost", ((ChunkEvent.ResponseFailed) ChunkEventCodec.read(chunksOut.readRecord().value())).code());
    }

    @Test
    void endedResponseIsNeverAbandoned() {
        send(r.started(0, "m"), r.completed(1, "stop", null));
        responses.readRecordsToList();

        advance(ABANDON_AFTER.multipliedBy(3));

        assertTrue(responses.isEmpty());
    }

    @Test
    void eventAfterTheSweepsTerminalEventIsCountedAsAfterTerminalAndStatusStays() {
        send(r.started(0, "m"), r.text(1, "a"));
        advance(ABANDON_AFTER.plusSeconds(1));
        send(r.text(3, "b"));

        AssembledResponse response = lastPublished();
        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals("a", response.text());
        assertEquals(1, response.integrity().afterTerminal());
    }

    @Test
    void endedResponsesAreSummarisedPerModelAndStartWindowOnTheStatsTopic() {
        ResponseEvents second = ResponseEvents.fresh();
        send(r.started(0, "stats-model"), r.text(1, "x"), r.completed(2, "stop", Usage.of(1, 1)));
        send(second.started(0, "stats-model"), second.failed(1, "upstream_timeout", "slow"));

        List<TestRecord<String, byte[]>> published = stats.readRecordsToList();
        TestRecord<String, byte[]> last = published.get(published.size() - 1);
        var summary = tokenstream.consumers.stats.WindowStatsJson.read(last.value(),
                tokenstream.consumers.stats.ModelWindowStats.class);
        assertEquals(2, published.size(), "one update per ended response");
        assertEquals("stats-model@" + ResponseEvents.T0, last.key());
        assertEquals(2, summary.count());
        assertEquals(1, summary.completed());
        assertEquals(0.5, summary.failureRate());
        assertEquals(java.util.Map.of("upstream_timeout", 1L), summary.failuresByCode());
        assertEquals(1000L, summary.timeToFirstTokenP50Ms());
    }

    @Test
    void lateEventsOfAnEndedResponseDoNotCountItTwiceInTheStats() {
        send(r.started(0, "m"), r.completed(1, "stop", null), r.text(2, "late"), r.completed(1, "stop", null));

        assertEquals(1, stats.readRecordsToList().size());
    }

    @Test
    void conversationIndexListsTheConversationsResponsesInTopicOrder() {
        ResponseEvents first = ResponseEvents.fresh();
        ResponseEvents second = new ResponseEvents(first.conversationId, first.responseId + "-2");
        send(first.started(0, "m"), second.started(0, "m"), first.completed(1, "stop", null));

        KeyValueStore<String, String> index = driver.getKeyValueStore(ResponseTopology.CONVERSATION_RESPONSES_STORE);
        List<String> ids = new java.util.ArrayList<>();
        try (var range = index.prefixScan(ConversationIndexKey.prefix(first.conversationId),
                Serdes.String().serializer())) {
            range.forEachRemaining(entry -> ids.add(entry.value));
        }
        assertEquals(List.of(first.responseId, second.responseId), ids);
    }

    @Test
    void partsOfAResponseIdThatPrefixesAnotherInTheSameConversationStayApart() {
        ResponseEvents r1 = new ResponseEvents(r.conversationId, "r1");
        ResponseEvents r10 = new ResponseEvents(r.conversationId, "r10");
        send(r1.started(0, "m"), r10.started(0, "m"), r1.text(1, "one"), r10.text(1, "ten"),
                r1.completed(2, "stop", null));

        KeyValueStore<String, AssembledResponse> store = driver.getKeyValueStore(ResponseTopology.RESPONSES_STORE);
        assertEquals("one", store.get(ResponseKey.of(r.conversationId, "r1")).text());
        send(r10.text(2, " and ten"), r10.completed(3, "stop", null));
        assertEquals("ten and ten", store.get(ResponseKey.of(r.conversationId, "r10")).text());
    }

    @Test
    void twoConversationsWithTheSameResponseIdAreAuditedSeparately() {
        ResponseEvents a = ResponseEvents.fresh();
        ResponseEvents b = new ResponseEvents(a.conversationId + "-other", a.responseId);
        send(a.started(0, "model-a"), a.text(1, "from A"), b.started(0, "model-b"), b.text(1, "from B"),
                a.completed(2, "stop", null), b.failed(2, "upstream_error", "B broke"));

        KeyValueStore<String, AssembledResponse> store = driver.getKeyValueStore(ResponseTopology.RESPONSES_STORE);
        AssembledResponse ofA = store.get(ResponseKey.of(a.conversationId, a.responseId));
        AssembledResponse ofB = store.get(ResponseKey.of(b.conversationId, b.responseId));
        assertEquals(List.of("from A", "model-a", ResponseStatus.COMPLETED, AssembledResponse.Integrity.CLEAN),
                List.of(ofA.text(), ofA.model(), ofA.status(), ofA.integrity()));
        assertEquals(List.of("from B", "model-b", ResponseStatus.FAILED, AssembledResponse.Integrity.CLEAN),
                List.of(ofB.text(), ofB.model(), ofB.status(), ofB.integrity()));
        java.util.Map<String, AssembledResponse> published = new java.util.HashMap<>();
        responses.readRecordsToList().forEach(record -> published.put(record.key(), AssembledResponseJson.read(record.value())));
        assertEquals(java.util.Set.of(a.conversationId + "/" + a.responseId, b.conversationId + "/" + b.responseId),
                published.keySet());
        assertEquals(ResponseStatus.COMPLETED, published.get(a.conversationId + "/" + a.responseId).status());
    }

    @Test
    void theResponseIdIndexNamesEveryConversationThatUsedTheId() {
        ResponseEvents a = ResponseEvents.fresh();
        ResponseEvents b = new ResponseEvents(a.conversationId + "-other", a.responseId);
        send(a.started(0, "m"), b.started(0, "m"), a.text(1, "x"));

        KeyValueStore<String, String> index = driver.getKeyValueStore(ResponseTopology.RESPONSE_CONVERSATIONS_STORE);
        List<String> conversations = new java.util.ArrayList<>();
        try (var found = index.prefixScan(ResponseConversationsKey.prefix(a.responseId), Serdes.String().serializer())) {
            found.forEachRemaining(entry -> conversations.add(entry.value));
        }
        assertEquals(java.util.Set.of(a.conversationId, b.conversationId), java.util.Set.copyOf(conversations));
    }

    @Test
    void anEventWhoseIdsContainTheKeySeparatorIsDeadLettered() {
        ResponseEvents slashed = new ResponseEvents("conv-with/slash", "r1");
        send(slashed.started(0, "m"));

        TestRecord<String, byte[]> dead = deadLetter.readRecord();
        assertEquals("conv-with/slash", dead.key());
        assertTrue(header(dead, EventHeaders.DEAD_LETTER_REASON).contains("must not contain '/'"),
                header(dead, EventHeaders.DEAD_LETTER_REASON));
        assertTrue(responses.isEmpty());
    }
}
