package tokenstream.ingest.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tokenstream.ingest.Generations;
import tokenstream.ingest.upstream.openai.FakeOpenAiResource;
import tokenstream.ingest.upstream.openai.FakeOpenAiServer;
import tokenstream.ingest.upstream.openai.OpenAiUpstreamProfile;
import tokenstream.ingest.upstream.openai.RecordedStreams;
import tokenstream.testkit.KafkaBrokerTestResource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.Topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cancel latency: from sending {@code POST .../cancel} to the (fake) model server seeing its connection
 * closed, and to the cancel's HTTP answer (which waits for {@code response.cancelled} to be acknowledged by
 * Kafka). Skipped unless {@code -Dbench=true}:
 * {@code ./mvnw -B -pl ingest test -Dtest=CancelLatencyBenchmark -Dbench=true [-Dbench.cancels=200]}; the table is
 * written to {@code ingest/target/bench/cancel-latency.txt} (and the test's output file).
 */
@QuarkusTest
@TestProfile(OpenAiUpstreamProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CancelLatencyBenchmark {
    private static final int WARMUP = 20;

    @Test
    void cancelLatency() throws Exception {
        int cancels = Integer.getInteger("bench.cancels", 200);
        FakeOpenAiServer server = FakeOpenAiResource.server();
        server.play(FakeOpenAiServer.Script.thenKeepStreaming(List.of(RecordedStreams.text("Hello")), RecordedStreams.text(" more"), 5));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> closedMillis = new ArrayList<>();
        List<Double> answeredMillis = new ArrayList<>();
        for (int i = 0; i < WARMUP + cancels; i++) {
            server.forgetConnections();
            String conversation = Generations.newConversation("bench");
            String responseId = Generations.start(conversation, "{\"prompt\":\"keep going\"}");
            var connection = server.nextConnection();
            Thread.sleep(15); // let a few tokens flow, as in a real cancel mid-answer
            HttpRequest cancel = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                    + "/v1/conversations/" + conversation + "/responses/" + responseId + "/cancel"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            long sent = System.nanoTime();
            HttpResponse<String> answer = http.send(cancel, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            long closed = connection.closedByClientAt.get(5, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            if (i >= WARMUP) {
                closedMillis.add((closed - sent) / 1e6);
                answeredMillis.add((answered - sent) / 1e6);
            }
        }
        List<Double> viaControlTopic = cancelsThroughTheControlTopic(server, cancels);
        StringBuilder table = new StringBuilder();
        table.append(String.format("cancel latency over %d cancels (after %d warm-up), milliseconds%n", cancels, WARMUP));
        table.append(String.format("%-52s %8s %8s %8s %8s %8s%n", "measure", "p50", "p90", "p99", "max", "mean"));
        table.append(row("request sent -> upstream connection closed", closedMillis));
        table.append(row("request sent -> HTTP answer (event acked)", answeredMillis));
        table.append(row("control-topic cancel sent -> upstream closed", viaControlTopic));
        // Surefire sends test output to a file; the table also goes where the command's docs point.
        System.out.println(table);
        Path report = Path.of("target", "bench", "cancel-latency.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table.toString());
    }

    /**
     * A cancel that another instance put on the control topic (acks=all, no linger, as ingest's control-out
     * channel sends it): from the send to the model server seeing its connection closed by this instance.
     */
    private static List<Double> cancelsThroughTheControlTopic(FakeOpenAiServer server, int cancels) throws Exception {
        List<Double> closedMillis = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < WARMUP + cancels; i++) {
                server.forgetConnections();
                String conversation = Generations.newConversation("bench-control");
                String responseId = Generations.start(conversation, "{\"prompt\":\"keep going\"}");
                var connection = server.nextConnection();
                Thread.sleep(15);
                var cancel = new ControlMessage.Cancel(conversation, responseId, "bench", Instant.now());
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.CONTROL, conversation, ControlMessageCodec.write(cancel)));
                long closed = connection.closedByClientAt.get(5, TimeUnit.SECONDS);
                if (i >= WARMUP) {
                    closedMillis.add((closed - sent) / 1e6);
                }
            }
        }
        return closedMillis;
    }

    private static String row(String name, List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return String.format("%-52s %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.get(sorted.size() - 1), mean);
    }

    private static double pct(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
