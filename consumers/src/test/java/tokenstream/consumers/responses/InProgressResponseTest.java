package tokenstream.consumers.responses;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A reader asking for a response that has not ended gets the content assembled so far, not an empty record. */
@QuarkusTest
@TestProfile(InProgressResponseTest.OpenResponsesStayOpen.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class InProgressResponseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The test profile's 3 s abandon sweep would end the response before the test reads it. */
    public static class OpenResponsesStayOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.consumers.abandon-after", "5m");
        }
    }

    @Inject
    KafkaStreams streams;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    @Test
    void aResponseStillInProgressIsServedWithTheTextAssembledSoFar() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "m"), r.text(1, "so "), r.text(2, "far"));

        Response last = await("the response's first three events assembled").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/v1/responses/{id}", r.responseId),
                        answer -> answer.statusCode() == 200 && answer.jsonPath().getLong("event_count") == 3);
        assertEquals(200, last.statusCode(), last.asString());
        assertEquals("in_progress", last.jsonPath().getString("status"), last.asString());
        assertEquals("so far", last.jsonPath().getString("text"), last.asString());
    }

    @Test
    void aResponseReadWhileItEndsIsNeverAnEndedRecordWithoutItsText() throws InterruptedException {
        // The read path looks at the published record, then at the assembly's state and parts: a response that
        // ends between the two reads once came back "completed" with an empty text (its parts already dropped).
        for (int round = 0; round < 20; round++) {
            ResponseEvents r = ResponseEvents.fresh();
            BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "m"), r.text(1, "whole"));
            Response last = await("the response in progress").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> given().get("/v1/responses/{id}", r.responseId), answer -> answer.statusCode() == 200);
            BrokerClients.sendEvents(Topics.CHUNKS, r.completed(2, "stop", null));
            Instant deadline = Instant.now().plus(TIMEOUT);
            // Reads back to back, each checked, while the end is assembled: the race under test, so no poll interval.
            while (Instant.now().isBefore(deadline) && !"completed".equals(last.jsonPath().getString("status"))) {
                last = given().get("/v1/responses/{id}", r.responseId);
                assertEquals("whole", last.jsonPath().getString("text"), last.asString());
            }
            assertEquals("completed", last.jsonPath().getString("status"), last.asString());
        }
    }
}
