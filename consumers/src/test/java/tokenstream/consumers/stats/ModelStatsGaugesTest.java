package tokenstream.consumers.stats;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.Topics;
import tokenstream.protocol.Usage;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response-stats topic read back on its channel as per-model gauges at /q/metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class ModelStatsGaugesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "tokenstream.consumers.topics.response-stats")
    String statsTopic;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    private static void completedAndFailed(String model) {
        ResponseEvents completed = ResponseEvents.fresh();
        ResponseEvents failed = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, completed.started(0, model), completed.text(1, "a"),
                completed.completed(2, "stop", Usage.of(1, 2)));
        BrokerClients.sendEvents(Topics.CHUNKS, failed.started(0, model), failed.text(1, "a"),
                failed.failed(2, "upstream_timeout", "too slow"));
    }

    /** The value of the metric line with these labels at /q/metrics, once there is one. */
    private static double gauge(String name, String labels) {
        String line = await(name + "{" + labels + "} at /q/metrics").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                        .filter(l -> l.startsWith(name + "{") && l.contains(labels)).findFirst().orElse(""),
                        l -> !l.isEmpty());
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static void awaitGauge(String name, String labels, double expected) {
        await(name + "{" + labels + "} = " + expected).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> gauge(name, labels) == expected);
    }

    @Test
    void eachOutcomeOfAModelsLatestWindowIsAGauge() {
        String model = "gauge-" + UUID.randomUUID();
        completedAndFailed(model);

        awaitGauge("tokenstream_model_responses", "model=\"" + model + "\",outcome=\"completed\"", 1.0);
        awaitGauge("tokenstream_model_responses", "model=\"" + model + "\",outcome=\"failed\"", 1.0);
        assertEquals(0.0, gauge("tokenstream_model_responses", "model=\"" + model + "\",outcome=\"cancelled\""));
        assertEquals(ResponseEvents.T0.getEpochSecond(),
                gauge("tokenstream_model_window_start_seconds", "model=\"" + model + "\""), 0.0);
    }

    @Test
    void aRecordThatIsNotAWindowSummaryIsDeadLetteredWithItsSourceAndGaugesGoOn() {
        String key = "poison-" + UUID.randomUUID();
        BrokerClients.send(statsTopic, List.of(new ProducerRecord<>(statsTopic, key,
                "{\"model\":".getBytes(StandardCharsets.UTF_8))));

        ConsumerRecord<String, byte[]> dead = BrokerClients.awaitRecord(Topics.DEAD_LETTER, TIMEOUT,
                r -> key.equals(r.key()));
        String source = new String(dead.headers().lastHeader(EventHeaders.DEAD_LETTER_SOURCE).value(), StandardCharsets.UTF_8);
        assertTrue(source.startsWith(statsTopic + "/"), source);
        assertTrue(dead.headers().lastHeader(EventHeaders.DEAD_LETTER_REASON).value().length > 0);

        String model = "after-poison-" + UUID.randomUUID();
        completedAndFailed(model);
        awaitGauge("tokenstream_model_responses", "model=\"" + model + "\",outcome=\"completed\"", 1.0);
    }
}
