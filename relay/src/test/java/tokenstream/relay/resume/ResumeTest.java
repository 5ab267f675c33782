package tokenstream.relay.resume;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Topics;
import tokenstream.relay.tail.ConversationPartitioner;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.awaitTailPast;
import static tokenstream.relay.RelayTestSupport.from;
import static tokenstream.relay.RelayTestSupport.ids;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.resume;
import static tokenstream.relay.RelayTestSupport.text;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ResumeTest {

    @Test
    void relayFindsTheSamePartitionAsTheProducer() {
        try (TestChunks writer = writer()) {
            for (int i = 0; i < 20; i++) {
                String conversation = newConversation();
                EventId written = writer.write(new ChunkEvent.TextDelta(conversation, "r", 1, Instant.now(), "x"));
                assertEquals(written.partition(), ConversationPartitioner.partitionOf(conversation, TopicPlan.CHUNK_PARTITIONS));
            }
        }
    }

    @Test
    void lastEventIdHeaderResumesRightAfterThatEvent() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r1", tokens(6));
            try (SseClient client = resume(conversation, written.get(3))) {
                List<SseEvent> events = client.until(SseEvent::isTerminal, TIMEOUT);
                assertEquals(written.subList(4, written.size()), ids(events));
            }
        }
    }

    @Test
    void lastEventIdQueryParameterResumesLikeTheHeader() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r1", tokens(4));
            try (SseClient client = open(conversation, "lastEventId=" + written.get(1).encode())) {
                assertEquals(written.subList(2, written.size()), ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
    }

    @Test
    void fromEventIdStartsAtThatEventInclusive() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r1", tokens(4));
            try (SseClient client = open(conversation, from(written.get(2)))) {
                assertEquals(written.subList(2, written.size()), ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
    }

    @Test
    void fromStartReplaysEveryResponseOfTheConversationAndNothingElse() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> first = writer.writeResponse(conversation, "r1", tokens(3));
            writer.writeResponse(newConversation(), "other", tokens(3));
            List<EventId> second = writer.writeResponse(conversation, "r2", tokens(2));
            List<EventId> all = new ArrayList<>(first);
            all.addAll(second);
            try (SseClient client = open(conversation, "from=start")) {
                List<SseEvent> events = client.take(all.size(), TIMEOUT);
                assertEquals(all, ids(events));
                assertNull(client.next(Duration.ofMillis(300)), "nothing beyond the conversation's own events");
            }
        }
    }

    @Test
    void fromTimestampStartsAtTheFirstEventAtOrAfterIt() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            writer.writeResponse(conversation, "old", tokens(2));
            // The records carry their producer's clock in milliseconds: the cut lies strictly between old and new.
            long oldUpTo = System.currentTimeMillis();
            await().until(() -> System.currentTimeMillis() > oldUpTo);
            Instant cut = Instant.now();
            await().until(() -> System.currentTimeMillis() > cut.toEpochMilli());
            List<EventId> later = writer.writeResponse(conversation, "new", tokens(2));
            try (SseClient client = open(conversation, "from=" + cut)) {
                assertEquals(later, ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
            try (SseClient client = open(conversation, "from=" + cut.toEpochMilli())) {
                assertEquals(later, ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
    }

    @Test
    void withoutPositionAClientSeesTheInProgressResponseFromItsStart() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            writer.writeResponse(conversation, "done", tokens(2));
            EventId started = writer.write(new ChunkEvent.ResponseStarted(conversation, "live", 0, Instant.now(), "m", null));
            awaitTailPast(writer.write(new ChunkEvent.TextDelta(conversation, "live", 1, Instant.now(), "Hello")));
            try (SseClient client = open(conversation, null)) {
                SseEvent first = client.next(TIMEOUT);
                assertNotNull(first);
                assertEquals(started.encode(), first.id());
                writer.write(new ChunkEvent.TextDelta(conversation, "live", 2, Instant.now(), " world"));
                writer.write(new ChunkEvent.ResponseCompleted(conversation, "live", 3, Instant.now(), "stop", null));
                List<SseEvent> rest = client.until(SseEvent::isTerminal, TIMEOUT);
                assertEquals("Hello world", text(rest));
            }
        }
    }

    @Test
    void withoutPositionAndNothingInProgressTheStreamIsLive() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> done = writer.writeResponse(conversation, "done", tokens(2));
            awaitTailPast(done.get(done.size() - 1));
            try (SseClient client = open(conversation, null)) {
                assertNull(client.next(Duration.ofMillis(500)), "no history for a live stream");
                List<EventId> next = writer.writeResponse(conversation, "next", tokens(1));
                assertEquals(next, ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
    }

    @Test
    void reconnectingDuringAResponseLosesAndRepeatsNothing() throws Exception {
        String conversation = newConversation();
        int tokenCount = 300;
        try (TestChunks writer = writer()) {
            Thread producer = new Thread(() -> writer.writeResponse(conversation, "r", tokens(tokenCount)));
            try (SseClient first = open(conversation, "from=start")) {
                producer.start();
                List<SseEvent> received = new ArrayList<>(first.take(40, TIMEOUT));
                first.close();
                while (!received.get(received.size() - 1).isTerminal()) {
                    EventId last = EventId.decode(received.get(received.size() - 1).id());
                    try (SseClient again = resume(conversation, last)) {
                        SseEvent event;
                        int taken = 0;
                        while (taken++ < 70 && (event = again.next(TIMEOUT)) != null) {
                            received.add(event);
                            if (event.isTerminal()) {
                                break;
                            }
                        }
                    }
                }
                producer.join(TimeUnit.SECONDS.toMillis(30));
                List<Long> seqs = received.stream().map(e -> e.json().get("seq").asLong()).toList();
                assertEquals(java.util.stream.LongStream.rangeClosed(0, tokenCount + 1).boxed().toList(), seqs);
                assertEquals(String.join("", tokens(tokenCount)), text(received));
            }
        }
    }

    @Test
    void twoClientsOnOneConversationBothReceiveTheWholeResponse() {
        String conversation = newConversation();
        try (SseClient a = open(conversation, null); SseClient b = open(conversation, null); TestChunks writer = writer()) {
            writer.writeResponse(conversation, "r", tokens(50));
            String expected = String.join("", tokens(50));
            assertEquals(expected, text(a.until(SseEvent::isTerminal, TIMEOUT)));
            assertEquals(expected, text(b.until(SseEvent::isTerminal, TIMEOUT)));
        }
    }

    @Test
    void positionOlderThanRetentionGetsATypedEventAndTheStreamEnds() throws Exception {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r", tokens(3));
            TopicPartition tp = new TopicPartition(Topics.CHUNKS, written.get(0).partition());
            try (var admin = SharedKafka.get().admin()) {
                admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(written.get(3).offset())))
                        .all().get(20, TimeUnit.SECONDS);
            }
            // The relay learns the new log start within its retention check (5 s); until then its window answers.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
                try (SseClient probe = resume(conversation, written.get(0))) {
                    SseEvent first = probe.next(TIMEOUT);
                    return first == null || first.event().equals("stream.position_expired");
                }
            });
            try (SseClient client = resume(conversation, written.get(0))) {
                SseEvent event = client.next(TIMEOUT);
                assertNotNull(event, "a typed event, not a silent hang");
                assertEquals("stream.position_expired", event.event());
                assertNull(event.id());
                assertEquals("position_expired", event.json().get("code").asText());
                assertEquals(written.get(3).encode(), event.json().get("earliest").asText());
                assertNull(client.next(Duration.ofSeconds(2)));
                assertTrue(client.ended(), "the stream ends after the typed event");
            }
        }
    }
}
