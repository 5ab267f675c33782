package tokenstream.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stream request from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so one test machine can be several
 * clients as a server sees them. The connection stays open, holding its stream, until closed.
 */
final class StreamFrom implements AutoCloseable {
    private final Socket socket;
    private final int status;

    private StreamFrom(Socket socket, int status) {
        this.socket = socket;
        this.status = status;
    }

    static StreamFrom open(String clientAddress, int port, String target, Map<String, String> headers) {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Accept: text/event-stream\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new StreamFrom(socket, statusOf(socket.getInputStream()));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new IllegalStateException("stream from " + clientAddress + ": " + e, e);
        }
    }

    int status() {
        return status;
    }

    private static int statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
