package tokenstream.bench.baseline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The design the relay exists to replace, kept minimal and honest: every SSE connection gets its own thread and
 * its own {@link KafkaConsumer}, which assigns the conversation's partition, seeks to its end and filters the
 * partition's records by key. It serves {@code GET /v1/conversations/{id}/stream} live only (no resume); that is
 * all the latency scenario asks of it. Usage: {@code PerClientConsumerRelay <port> <bootstrap> <topic> <partitions>}.
 */
public final class PerClientConsumerRelay {
    private static final String PREFIX = "/v1/conversations/";

    private final String bootstrap;
    private final String topic;
    private final int partitions;

    private PerClientConsumerRelay(String bootstrap, String topic, int partitions) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.partitions = partitions;
    }

    public static void main(String[] args) throws IOException {
        PerClientConsumerRelay relay = new PerClientConsumerRelay(args[1], args[2], Integer.parseInt(args[3]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 4096);
        server.createContext(PREFIX, relay::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.endsWith("/stream")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String conversation = path.substring(PREFIX.length(), path.length() - "/stream".length());
        byte[] key = conversation.getBytes(StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            long lastWrite = System.nanoTime();
            while (true) {
                boolean wrote = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (conversation.equals(record.key())) {
                        body.write(("id: " + record.partition() + "." + record.offset() + "\ndata: ")
                                .getBytes(StandardCharsets.UTF_8));
                        body.write(record.value());
                        body.write("\n\n".getBytes(StandardCharsets.UTF_8));
                        wrote = true;
                    }
                }
                if (!wrote && System.nanoTime() - lastWrite > 1_000_000_000L) {
                    // Without a write a vanished client goes unnoticed and its consumer polls forever.
                    body.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    wrote = true;
                }
                if (wrote) {
                    body.flush();
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (or the broker did): this connection's consumer is closed with it
        } finally {
            exchange.close();
        }
    }
}
