package tokenstream.bench.peer;

import tokenstream.kafkalocal.PortAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the Nchan module as the peer of the broadcast scenario: our own process, our own configuration in a
 * folder of its own, bound to loopback, one worker. Subscribers start at the newest message (a live relay, like
 * ours without a position); publishers POST to {@code /pub}, subscribers GET {@code /sub} with
 * {@code Accept: text/event-stream}. Many channels, one per conversation: {@code /pub/<channel>} and
 * {@code /sub/<channel>}, each keeping its last 16 messages for a minute (5,000 channels at 8 messages/s would not
 * fit Nchan's shared memory with the broadcast channel's 1,000 for 5 minutes).
 */
public final class NchanServer implements AutoCloseable {
    static final String NGINX = "/usr/sbin/nginx";
    static final String MODULE = "/usr/lib/nginx/modules/ngx_nchan_module.so";

    private final Process process;
    private final int port;

    private NchanServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(NGINX)) && Files.isRegularFile(Path.of(MODULE));
    }

    public static NchanServer start(Path dir) {
        int port = PortAllocator.freePort();
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Path config = dir.resolve("nginx.conf");
            Files.writeString(config, config(dir, port));
            Process process = new ProcessBuilder(List.of(NGINX, "-p", dir.toString(), "-c", config.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
            NchanServer server = new NchanServer(process, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String config(Path dir, int port) {
        String tmp = dir.resolve("tmp").toString();
        return """
                load_module %s;
                daemon off;
                master_process on;
                user root;
                worker_processes 1;
                worker_rlimit_nofile 20000;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 16000; }
                http {
                  access_log off;
                  client_body_temp_path %s/body;
                  proxy_temp_path %s/proxy;
                  fastcgi_temp_path %s/fastcgi;
                  uwsgi_temp_path %s/uwsgi;
                  scgi_temp_path %s/scgi;
                  server {
                    listen 127.0.0.1:%d backlog=4096;
                    # A publisher keeps its connections (nginx closes one after 1,000 requests by default).
                    keepalive_requests 1000000000;
                    location = /pub {
                      nchan_publisher;
                      nchan_channel_id broadcast;
                      nchan_message_buffer_length 1000;
                      nchan_message_timeout 5m;
                    }
                    location = /sub {
                      nchan_subscriber eventsource;
                      nchan_channel_id broadcast;
                      nchan_subscriber_first_message newest;
                    }
                    location ~ ^/pub/([A-Za-z0-9_-]+)$ {
                      nchan_publisher;
                      nchan_channel_id $1;
                      nchan_message_buffer_length 16;
                      nchan_message_timeout 60s;
                    }
                    location ~ ^/sub/([A-Za-z0-9_-]+)$ {
                      nchan_subscriber eventsource;
                      nchan_channel_id $1;
                      nchan_subscriber_first_message newest;
                    }
                  }
                }
                """.formatted(MODULE, dir, dir, tmp, tmp, tmp, tmp, tmp, port);
    }

    public int port() {
        return port;
    }

    /** The master's pid; {@code ProcessSampler} adds its worker. */
    public long pid() {
        return process.pid();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nginx did not start listening on " + port + " (see its error.log)");
    }

    @Override
    public void close() {
        // SIGTERM is nginx's fast shutdown; the worker goes with the master.
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
