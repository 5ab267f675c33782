package tokenstream.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server that cuts its first connection once it has passed {@code cutAfterBytes} bytes of
 * the server's answer (mid-event, as a dropped network does), and passes every later connection whole.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final long cutAfterBytes;
    private final AtomicInteger connections = new AtomicInteger();

    CuttingProxy(int targetPort, long cutAfterBytes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfterBytes = cutAfterBytes;
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                boolean cut = connections.incrementAndGet() == 1;
                pump(client, upstream, Long.MAX_VALUE);
                pump(upstream, client, cut ? cutAfterBytes : Long.MAX_VALUE);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[512];
            long passed = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while (passed < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - passed))) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    passed += n;
                }
            } catch (IOException ignored) {
                // the other side went away
            } finally {
                close(from);
                close(to);
            }
        }, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
