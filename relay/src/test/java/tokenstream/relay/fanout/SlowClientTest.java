package tokenstream.relay.fanout;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.relay.MetricsReader;
import tokenstream.relay.tail.ConversationPartitioner;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.awaitTailPast;
import static tokenstream.relay.RelayTestSupport.awaitWatched;
import static tokenstream.relay.RelayTestSupport.ids;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.resume;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

@QuarkusTest
@TestProfile(SlowClientProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SlowClientTest {
    private static final String BIG_TOKEN = " " + "x".repeat(4000);

    @Test
    void clientThatNeverReadsIsToldToResumeAndLosesNothing() throws Exception {
        String conversation = newConversation();
        int count = 3000;
        double slowBefore = MetricsReader.value("tokenstream_relay_slow_client_disconnects_total", null);
        try (Socket socket = new Socket(); TestChunks writer = writer()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", RestAssured.port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/conversations/" + conversation + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitWatched(conversation);
            String response = "r";
            List<EventId> written = new ArrayList<>();
            written.add(writer.write(new ChunkEvent.ResponseStarted(conversation, response, 0, Instant.now(), "m", null)));
            for (int i = 1; i <= count; i++) {
                written.add(writer.write(new ChunkEvent.TextDelta(conversation, response, i, Instant.now(), BIG_TOKEN)));
            }
            written.add(writer.write(new ChunkEvent.ResponseCompleted(conversation, response, count + 1, Instant.now(), "stop", null)));

            // Only now does the client read: what the relay sent before it gave up, then the end of the stream.
            String received = readUntilEndOfResponse(socket);
            assertTrue(received.contains("event: stream.reconnect"), "the relay ended the stream with a reconnect event");
            assertTrue(received.contains("\"code\":\"slow_client\""), "and said why");
            Matcher ids = Pattern.compile("(?m)^id: (\\S+)$").matcher(received);
            List<EventId> seen = new ArrayList<>();
            while (ids.find()) {
                seen.add(EventId.decode(ids.group(1)));
            }
            assertTrue(seen.size() < written.size(), "the client was cut off before the end (" + seen.size() + " events)");
            assertEquals(written.subList(0, seen.size()), seen, "what was sent is a prefix, in order");
            Matcher last = Pattern.compile("\"last_event_id\":\"([^\"]+)\"").matcher(received);
            assertTrue(last.find(), "the reconnect event names the last event sent");
            assertEquals(seen.get(seen.size() - 1).encode(), last.group(1));
            assertEquals(slowBefore + 1, MetricsReader.value("tokenstream_relay_slow_client_disconnects_total", null));

            try (SseClient again = resume(conversation, seen.get(seen.size() - 1))) {
                List<SseEvent> rest = again.until(SseEvent::isTerminal, TIMEOUT);
                assertEquals(written.subList(seen.size(), written.size()), ids(rest), "resume loses nothing");
            }
        }
    }

    @Test
    void resumeOlderThanTheWindowIsServedFromKafka() {
        String conversation = newConversation();
        int partition = ConversationPartitioner.partitionOf(conversation, TopicPlan.CHUNK_PARTITIONS);
        String neighbour;
        do {
            neighbour = newConversation();
        } while (ConversationPartitioner.partitionOf(neighbour, TopicPlan.CHUNK_PARTITIONS) != partition);
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r", tokens(5));
            // 60K of window over 6 partitions is about 10K per partition: this pushes the response out of memory.
            EventId lastNeighbour = null;
            for (int i = 0; i < 40; i++) {
                lastNeighbour = writer.write(new ChunkEvent.TextDelta(neighbour, "n", i + 1, Instant.now(), "y".repeat(500)));
            }
            awaitTailPast(lastNeighbour);
            double kafkaBefore = MetricsReader.streamsOpened("kafka");
            try (SseClient client = resume(conversation, written.get(0))) {
                assertEquals(written.subList(1, written.size()), ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
            assertEquals(kafkaBefore + 1, MetricsReader.streamsOpened("kafka"));
        }
    }

    /** Reads the raw chunked response until its last chunk (the connection itself stays open for reuse). */
    private static String readUntilEndOfResponse(Socket socket) throws Exception {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            if (all.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
