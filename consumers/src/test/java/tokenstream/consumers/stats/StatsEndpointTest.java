package tokenstream.consumers.stats;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.Topics;
import tokenstream.protocol.Usage;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class StatsEndpointTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "tokenstream.consumers.topics.response-stats")
    String statsTopic;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    /** A completed, a failed and a cancelled response of {@code model}, each in its own conversation. */
    private static void threeEndings(String model) {
        ResponseEvents completed = ResponseEvents.fresh();
        ResponseEvents failed = ResponseEvents.fresh();
        ResponseEvents cancelled = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, completed.started(0, model), completed.text(1, "a"),
                completed.text(2, "b"), completed.completed(3, "stop", Usage.of(1, 4)));
        BrokerClients.sendEvents(Topics.CHUNKS, failed.started(0, model), failed.text(2, "a"),
                failed.failed(3, "upstream_timeout", "too slow"));
        BrokerClients.sendEvents(Topics.CHUNKS, cancelled.started(0, model), cancelled.text(3, "a"),
                cancelled.cancelled(4, "user_stop"));
    }

    private static JsonPath awaitWindowWithCount(String model, int count) {
        return await("one window of " + count + " responses for " + model).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/v1/stats?model={model}", model).then().statusCode(200).extract().jsonPath(),
                        stats -> stats.getList("windows").size() == 1 && stats.getInt("windows[0].count") == count);
    }

    @Test
    void statsSummariseAModelsEndedResponsesPerWindow() throws InterruptedException {
        String model = "model-" + UUID.randomUUID();
        threeEndings(model);

        JsonPath stats = awaitWindowWithCount(model, 3);

        assertEquals(60_000, stats.getInt("window_size_ms"));
        assertEquals(ResponseEvents.T0.toString(), stats.getString("windows[0].window_start"));
        assertEquals(1, stats.getInt("windows[0].completed"));
        assertEquals(0.333f, stats.getFloat("windows[0].cancel_rate"));
        assertEquals(0.333f, stats.getFloat("windows[0].failure_rate"));
        assertEquals(Map.of("upstream_timeout", 1), stats.getMap("windows[0].failures_by_code"));
        assertEquals(2_000, stats.getInt("windows[0].time_to_first_token_p50_ms"), "samples 1 s, 2 s, 3 s");
        assertEquals(3_000, stats.getInt("windows[0].time_to_first_token_p95_ms"));
    }

    @Test
    void statsTopicCarriesTheSameSummaryKeyedByModelAndWindow() throws InterruptedException {
        String model = "model-" + UUID.randomUUID();
        threeEndings(model);
        JsonPath served = awaitWindowWithCount(model, 3);

        ConsumerRecord<String, byte[]> record = BrokerClients.awaitRecord(statsTopic, TIMEOUT,
                r -> (model + "@" + ResponseEvents.T0).equals(r.key())
                        && WindowStatsJson.read(r.value(), ModelWindowStats.class).count() == 3);

        ModelWindowStats onTopic = WindowStatsJson.read(record.value(), ModelWindowStats.class);
        assertEquals(served.getLong("windows[0].count"), onTopic.count());
        assertEquals(served.getDouble("windows[0].tokens_per_second"), onTopic.tokensPerSecond());
    }
}
