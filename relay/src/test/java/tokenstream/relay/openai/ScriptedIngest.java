package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Usage;
import tokenstream.testkit.TestChunks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An ingest stand-in that answers a start as ingest does (202 with the response id and the position of its
 * {@code response.started}) after writing a scripted response to the real chunks topic: {@link #TOKENS} as text
 * deltas, one tool call when tools were offered, then {@code response.completed}; a prompt of {@code fail} fails
 * after three deltas. Cancels are recorded and answered 200.
 */
public class ScriptedIngest implements QuarkusTestResourceLifecycleManager {
    static final int TOKENS = 40;

    /** A request as ingest received it. */
    public record Received(String path, String authorization, String body) {
    }

    public static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private HttpServer server;

    static String token(int i) {
        return (i == 0 ? "Tok" : " tok") + i;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("tokenstream.relay.ingest-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        String[] parts = path.split("/");
        if (path.endsWith("/cancel")) {
            answer(exchange, 200, "{\"status\":\"cancelled\",\"position\":\"x\"}");
            return;
        }
        String conversationId = parts[3];
        String responseId = "resp_" + UUID.randomUUID();
        JsonNode request = ProtocolJson.mapper().readTree(body);
        EventId position = write(conversationId, responseId, request);
        answer(exchange, 202, "{\"conversation_id\":\"" + conversationId + "\",\"response_id\":\"" + responseId
                + "\",\"model\":\"scripted\",\"position\":\"" + position.encode() + "\"}");
    }

    private static EventId write(String conversationId, String responseId, JsonNode request) {
        boolean fail = "fail".equals(request.at("/messages/0/content").asText());
        boolean tools = request.at("/options/tools").isArray();
        try (TestChunks chunks = new TestChunks(SharedKafka.get().bootstrapServers())) {
            long seq = 0;
            EventId position = chunks.write(new ChunkEvent.ResponseStarted(conversationId, responseId, seq++, Instant.now(),
                    "scripted", null));
            for (int i = 0; i < (fail ? 3 : TOKENS); i++) {
                chunks.write(new ChunkEvent.TextDelta(conversationId, responseId, seq++, Instant.now(), token(i)));
            }
            if (fail) {
                chunks.write(new ChunkEvent.ResponseFailed(conversationId, responseId, seq, Instant.now(), "upstream_error",
                        "the model went away"));
                return position;
            }
            if (tools) {
                chunks.write(new ChunkEvent.ToolCall(conversationId, responseId, seq++, Instant.now(), "call_1", "lookup",
                        ProtocolJson.mapper().createObjectNode().put("q", "kafka")));
            }
            chunks.write(new ChunkEvent.ResponseCompleted(conversationId, responseId, seq, Instant.now(),
                    tools ? "tool_calls" : "stop", Usage.of(4, TOKENS)));
            return position;
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
