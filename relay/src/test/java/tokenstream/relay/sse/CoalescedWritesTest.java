package tokenstream.relay.sse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.TestChunks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import static tokenstream.relay.RelayTestSupport.awaitWatched;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.writer;

/**
 * What one write to a client carries: the relay writes each HTTP chunk in one go, so the chunks of the raw response
 * show which events shared a write.
 */
@QuarkusTest
@TestProfile(CoalescingRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CoalescedWritesTest {

    @Test
    void anIdleClientGetsItsEventAtOnceAndTheEventsDueWithinTheWindowAfterItShareOneWrite() throws Exception {
        String conversation = newConversation();
        try (Socket socket = stream(conversation); TestChunks writer = writer()) {
            ChunkedBody body = new ChunkedBody(socket.getInputStream());
            awaitWatched(conversation);
            long before = System.nanoTime();
            EventId first = writer.write(new ChunkEvent.ResponseStarted(conversation, "r", 0, Instant.now(), "m", null));
            List<EventId> firstWrite = body.nextEvents();
            long firstMillis = (System.nanoTime() - before) / 1_000_000;
            assertEquals(List.of(first), firstWrite, "the first event went out on its own");
            assertTrue(firstMillis < CoalescingRelayProfile.WINDOW_MILLIS / 2,
                    "an idle client is not held back (" + firstMillis + " ms)");

            List<EventId> next = new ArrayList<>();
            for (int seq = 1; seq <= 3; seq++) {
                next.add(writer.write(new ChunkEvent.TextDelta(conversation, "r", seq, Instant.now(), " t" + seq)));
            }
            assertEquals(next, body.nextEvents(), "the events due within the window went out in one write");
        }
    }

    @Test
    void aHeldEventGoesOutWhenItsWindowEndsThoughNothingFollowsIt() throws Exception {
        String conversation = newConversation();
        try (Socket socket = stream(conversation); TestChunks writer = writer()) {
            ChunkedBody body = new ChunkedBody(socket.getInputStream());
            awaitWatched(conversation);
            EventId started = writer.write(new ChunkEvent.ResponseStarted(conversation, "r", 0, Instant.now(), "m", null));
            assertEquals(List.of(started), body.nextEvents());
            EventId held = writer.write(new ChunkEvent.TextDelta(conversation, "r", 1, Instant.now(), " held"));
            assertEquals(List.of(held), body.nextEvents());
        }
    }

    private static Socket stream(String conversation) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", RestAssured.port));
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/conversations/" + conversation + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The body of a chunked HTTP response, one chunk at a time. */
    private static final class ChunkedBody {
        private static final Pattern ID = Pattern.compile("(?m)^id: (\\S+)$");
        private final InputStream in;

        ChunkedBody(InputStream in) throws IOException {
            this.in = in;
            while (!line().isEmpty()) {
                // The status line and headers.
            }
        }

        /** The ids in the next chunk that carries events; chunks of only comments or a retry hint are skipped. */
        List<EventId> nextEvents() throws IOException {
            while (true) {
                Matcher ids = ID.matcher(chunk());
                List<EventId> found = new ArrayList<>();
                while (ids.find()) {
                    found.add(EventId.decode(ids.group(1)));
                }
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }

        private String chunk() throws IOException {
            int size = Integer.parseInt(line().trim(), 16);
            byte[] data = in.readNBytes(size);
            line();
            return new String(data, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the response ended");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
