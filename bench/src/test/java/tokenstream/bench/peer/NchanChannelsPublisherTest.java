package tokenstream.bench.peer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NchanChannelsPublisherTest {
    private static final Pattern EVENT = Pattern.compile("\"response_id\":\"([^\"]+)\",\"seq\":(\\d+)");

    /** An EventSource subscriber on a plain socket, streaming once Nchan has greeted it. */
    private static final class Subscriber implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader reader;

        Subscriber(int port, String path) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); !line.contains(": hi"); line = reader.readLine()) {
                // the response head and chunk sizes before Nchan's greeting
            }
        }

        /** The next {@code count} events as "response seq". */
        List<String> events(int count) throws IOException {
            List<String> events = new ArrayList<>();
            while (events.size() < count) {
                Matcher matcher = EVENT.matcher(reader.readLine());
                if (matcher.find()) {
                    events.add(matcher.group(1) + " " + matcher.group(2));
                }
            }
            return events;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void eachChannelGetsItsOwnResponseInOrderAtThePace(@TempDir Path dir) throws Exception {
        assertTrue(NchanServer.installed(), "the peer needs nginx and Nchan: apt-get install nginx libnginx-mod-nchan");
        try (NchanServer server = NchanServer.start(dir);
             Subscriber first = new Subscriber(server.port(), "/sub/t-0");
             Subscriber second = new Subscriber(server.port(), "/sub/t-1");
             NchanChannelsPublisher publisher = new NchanChannelsPublisher(server.port())) {
            publisher.start("t-", 2, "r", 20, 0.5);

            assertEquals(List.of("r-0 0", "r-0 1", "r-0 2", "r-0 3", "r-0 4", "r-0 5", "r-0 6", "r-0 7", "r-0 8",
                    "r-0 9"), first.events(10));
            assertEquals(List.of("r-1 0", "r-1 1", "r-1 2", "r-1 3", "r-1 4", "r-1 5", "r-1 6", "r-1 7", "r-1 8",
                    "r-1 9"), second.events(10));
            assertEquals(0, publisher.failed());
        }
    }

    @Test
    void aConnectionTheServerClosesBetweenRequestsIsOpenedAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             NchanChannelsPublisher publisher = new NchanChannelsPublisher(server.getLocalPort())) {
            Thread oneRequestPerConnection = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.US_ASCII));
                        int length = 0;
                        for (String line = reader.readLine(); !line.isEmpty(); line = reader.readLine()) {
                            if (line.startsWith("Content-Length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        reader.skip(length);
                        socket.getOutputStream().write("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            oneRequestPerConnection.setDaemon(true);
            oneRequestPerConnection.start();

            publisher.start("t-", 1, "r", 50, 0.1);

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (publisher.published() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(5, publisher.published());
            assertEquals(0, publisher.failed());
        }
    }

    @Test
    void anEventIsStampedWithTheMomentItWasDue() {
        Instant due = Instant.parse("2026-12-06T08:00:00.000250Z");

        assertEquals("{\"type\":\"text.delta\",\"conversation_id\":\"t-3\",\"response_id\":\"r-3\",\"seq\":7,"
                + "\"timestamp\":\"2026-12-06T08:00:00.000250Z\",\"text\":\" token\"}",
                NchanChannelsPublisher.body("t-3", "r-3", 7, due));
    }

    @Test
    void aResponseIsReadToItsEndWhetherSizedOrChunked() throws IOException {
        String sized = "HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 202 Accepted\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n";
        ByteArrayInputStream in = new ByteArrayInputStream(sized.getBytes(StandardCharsets.US_ASCII));

        assertEquals(201, NchanChannelsPublisher.readResponse(in));
        assertEquals(202, NchanChannelsPublisher.readResponse(in));
        assertEquals(500, NchanChannelsPublisher.readResponse(in));
        assertEquals(-1, in.read());
    }

    @Test
    void aConnectionClosedWithinAResponseIsAnError() {
        ByteArrayInputStream in = new ByteArrayInputStream("HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\nhal"
                .getBytes(StandardCharsets.US_ASCII));

        assertThrows(IOException.class, () -> NchanChannelsPublisher.readResponse(in));
    }
}
