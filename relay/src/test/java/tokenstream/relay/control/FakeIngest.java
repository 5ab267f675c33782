package tokenstream.relay.control;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An ingest stand-in that records the requests it gets and answers like ingest's cancel endpoint, and like an
 * ingest whose Kafka is unreachable for starts.
 */
public class FakeIngest implements QuarkusTestResourceLifecycleManager {
    /** A request as ingest received it. */
    public record Received(String method, String path, String body) {
    }

    static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
            if (exchange.getRequestURI().getPath().endsWith("/responses")) {
                byte[] unavailable = "{\"error\":{\"code\":\"kafka_unavailable\",\"message\":\"Kafka is unreachable\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Retry-After", "3");
                exchange.sendResponseHeaders(503, unavailable.length);
                exchange.getResponseBody().write(unavailable);
                exchange.close();
                return;
            }
            byte[] answer = "{\"error\":{\"code\":\"response_ended\",\"message\":\"response r1 already ended with response.completed\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(409, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return Map.of("tokenstream.relay.ingest-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
