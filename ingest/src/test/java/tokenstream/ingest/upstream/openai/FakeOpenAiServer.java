package tokenstream.ingest.upstream.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Chat Completions server on a raw socket, so that a test sees exactly what an upstream sees: the
 * request, and the moment the client closes the connection (a blocked read returns end-of-stream).
 * Each connection plays the current {@link Script}.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /**
     * What to answer: a status, body lines written with a pause before each, then either close the
     * connection, keep streaming {@code repeatLine} every {@code repeatEveryMillis} until the client leaves,
     * or reset the connection (an abrupt failure after the headers).
     */
    public record Script(int status, List<String> lines, long pauseMillis, String repeatLine, long repeatEveryMillis,
                         boolean resetAfterLines) {
        public static Script replay(List<String> lines) {
            return new Script(200, lines, 0, null, 0, false);
        }

        public static Script thenKeepStreaming(List<String> lines, String repeatLine, long everyMillis) {
            return new Script(200, lines, 0, repeatLine, everyMillis, false);
        }

        public static Script resetAfter(List<String> lines) {
            return new Script(200, lines, 0, null, 0, true);
        }

        public static Script httpError(int status, String body) {
            return new Script(status, List.of(body), 0, null, 0, false);
        }
    }

    /** One connection as the server saw it. */
    public static final class Connection {
        public final CompletableFuture<String> requestHead = new CompletableFuture<>();
        public final CompletableFuture<String> requestBody = new CompletableFuture<>();
        /** {@link System#nanoTime()} when the client closed the connection. */
        public final CompletableFuture<Long> closedByClientAt = new CompletableFuture<>();
    }

    private final ServerSocket socket;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private volatile Script script = Script.replay(List.of());
    private volatile boolean running = true;

    public FakeOpenAiServer() {
        try {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "fake-openai-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    public void play(Script next) {
        script = next;
    }

    /** The next connection the server accepted (waits up to 10 s). */
    public Connection nextConnection() throws InterruptedException {
        Connection connection = connections.poll(10, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("no connection reached the fake upstream");
        }
        return connection;
    }

    public void forgetConnections() {
        connections.clear();
    }

    private void accept() {
        while (running) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                Connection connection = new Connection();
                connections.add(connection);
                Script current = script;
                Thread handler = new Thread(() -> serve(client, connection, current), "fake-openai-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    private static void serve(Socket client, Connection connection, Script script) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            connection.requestHead.complete(head);
            int length = contentLength(head);
            connection.requestBody.complete(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            Thread watcher = new Thread(() -> watchForClose(in, connection), "fake-openai-watch");
            watcher.setDaemon(true);
            watcher.start();
            OutputStream out = client.getOutputStream();
            String type = script.status() == 200 ? "text/event-stream" : "application/json";
            out.write(("HTTP/1.1 " + script.status() + " X\r\nContent-Type: " + type + "\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String line : script.lines()) {
                if (script.pauseMillis() > 0) {
                    Thread.sleep(script.pauseMillis()); // the scripted upstream's pace between lines
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (script.resetAfterLines()) {
                // A reset discards what the client has not read yet; let it read the lines first, as a real
                // upstream that dies after streaming some tokens would.
                Thread.sleep(300); // the upstream's behaviour: it dies a moment after its last line
                client.setSoLinger(true, 0); // close() now sends RST: a connection reset mid-stream
                return;
            }
            while (script.repeatLine() != null && !connection.closedByClientAt.isDone()) {
                Thread.sleep(script.repeatEveryMillis()); // the scripted upstream's pace
                out.write((script.repeatLine() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (script.repeatLine() != null) {
                connection.closedByClientAt.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the client went away while we wrote: the watcher has recorded when
        }
    }

    private static void watchForClose(InputStream in, Connection connection) {
        try {
            while (in.read() >= 0) {
                // a client sends nothing more after its request; just wait for end-of-stream
            }
        } catch (IOException e) {
            // reset by the client: also a close
        }
        connection.closedByClientAt.complete(System.nanoTime());
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        running = false;
        socket.close();
    }
}
