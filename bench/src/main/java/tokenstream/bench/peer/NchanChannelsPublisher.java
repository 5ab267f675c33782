package tokenstream.bench.peer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes token events to many Nchan channels at once, as ingest's generations do for many conversations: each
 * channel gets its own response at a fixed pace. Events go over a few keep-alive connections, each writing one POST
 * after another on a plain socket (an HTTP client library would spend more CPU per publish than Nchan does on it,
 * and the publisher shares the machine). Each body is shaped like a relay event and stamped with the moment it was
 * due, so a publisher that falls behind shows its backlog as latency, as {@link NchanPublisher}'s does.
 */
public final class NchanChannelsPublisher implements AutoCloseable {
    /** Connections, each with a thread: enough that Nchan's answer to one publish never paces the others. */
    static final int CONNECTIONS = 8;

    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public NchanChannelsPublisher(int port) {
        this.port = port;
    }

    /**
     * Publishes to channels {@code <prefix>0} to {@code <prefix><channels - 1>}, {@code perSecond} events each for
     * {@code seconds}, in the background; channel n's events belong to response {@code <responseTag>-n}.
     */
    public void start(String prefix, int channels, String responseTag, double perSecond, double seconds) {
        for (int first = 0; first < Math.min(CONNECTIONS, channels); first++) {
            List<Integer> owned = new ArrayList<>();
            for (int channel = first; channel < channels; channel += CONNECTIONS) {
                owned.add(channel);
            }
            long count = Math.round(perSecond * seconds) * owned.size();
            Thread thread = new Thread(() -> publish(prefix, owned, responseTag, perSecond, count),
                    "nchan-publisher-" + first);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void publish(String prefix, List<Integer> channels, String responseTag, double perSecond, long count) {
        long periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / (perSecond * channels.size()));
        long startNanos = System.nanoTime();
        Instant startWall = Instant.now();
        Connection connection = null;
        try {
            for (long i = 0; i < count; i++) {
                long due = startNanos + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int channel = channels.get((int) (i % channels.size()));
                byte[] request = request(prefix + channel, body(prefix + channel, responseTag + "-" + channel,
                        i / channels.size(), startWall.plusNanos(due - startNanos)));
                int status;
                try {
                    connection = connection != null ? connection : new Connection(port);
                    status = connection.send(request);
                } catch (IOException closed) {
                    // A server may close a keep-alive connection between two requests: once more on a new one.
                    close(connection);
                    connection = new Connection(port);
                    status = connection.send(request);
                }
                if (status / 100 == 2) {
                    published.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // The rest of this thread's events are missing: every subscriber of its channels counts them lost.
            failed.incrementAndGet();
        } finally {
            close(connection);
        }
    }

    /** One keep-alive connection to nginx: a request, then its whole response, then the next. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
            out = new BufferedOutputStream(socket.getOutputStream(), 1024);
            in = new BufferedInputStream(socket.getInputStream(), 4096);
        }

        int send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            return readResponse(in);
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // closing a connection that already broke
            }
        }
    }

    /** A relay-shaped {@code text.delta} body, as the load generator reads it (also {@link NchanPublisher}'s). */
    static String body(String conversation, String responseId, long seq, Instant due) {
        return "{\"type\":\"text.delta\",\"conversation_id\":\"" + conversation + "\",\"response_id\":\"" + responseId
                + "\",\"seq\":" + seq + ",\"timestamp\":\"" + due + "\",\"text\":\" token\"}";
    }

    static byte[] request(String channel, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = String.format(Locale.ROOT, "POST /pub/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n", channel, content.length)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + content.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /** Reads one response (its head, then a body of Content-Length bytes or of chunks) and returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + statusLine);
        }
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else {
            skip(in, length);
        }
        return Integer.parseInt(parts[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed within a response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the connection closed within a response body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    public long published() {
        return published.get();
    }

    /** Publishes that Nchan refused, and threads that lost their connection twice in a row (and the rest of their events). */
    public long failed() {
        return failed.get();
    }

    /** What it published and what failed, for the benchmark's details. */
    public String summary() {
        return published() + " published, " + failed() + " failed";
    }

    /** Stops publishing. */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
