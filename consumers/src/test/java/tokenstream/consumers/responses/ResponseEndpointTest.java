package tokenstream.consumers.responses;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.ResponsesApi;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.Topics;
import tokenstream.protocol.Usage;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class ResponseEndpointTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    @Test
    void responseWrittenToTheChunksTopicIsServedCompletedWithItsExactText() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "simulator"), r.text(1, "Stream"),
                r.text(2, "ing, "), r.text(3, "token by token."), r.completed(4, "stop", Usage.of(5, 3)));

        Response response = ResponsesApi.awaitEnded(r.responseId, TIMEOUT);

        response.then()
                .contentType(startsWith("application/json"))
                .body("response_id", equalTo(r.responseId))
                .body("conversation_id", equalTo(r.conversationId))
                .body("status", equalTo("completed"))
                .body("text", equalTo("Streaming, token by token."))
                .body("model", equalTo("simulator"))
                .body("finish_reason", equalTo("stop"))
                .body("usage.total_tokens", equalTo(8))
                .body("event_count", equalTo(5))
                .body("integrity.duplicates", equalTo(0));
        assertEquals(4, response.jsonPath().getLong("last_offset") - response.jsonPath().getLong("first_offset"));
    }

    @Test
    void aResponseIsServedUnderItsConversation() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "m"), r.text(1, "mine"), r.completed(2, "stop", null));
        ResponsesApi.awaitEnded(r.responseId, TIMEOUT);

        given().get("/v1/conversations/{cid}/responses/{rid}", r.conversationId, r.responseId)
                .then()
                .statusCode(200)
                .body("conversation_id", equalTo(r.conversationId))
                .body("text", equalTo("mine"));
        given().get("/v1/conversations/{cid}/responses/{rid}", r.conversationId + "-other", r.responseId)
                .then()
                .statusCode(404)
                .body("error.code", equalTo("response_not_found"));
    }

    @Test
    void aResponseIdUsedInTwoConversationsIsServedPerConversationAndIsAmbiguousAlone() throws InterruptedException {
        ResponseEvents a = ResponseEvents.fresh();
        ResponseEvents b = new ResponseEvents(a.conversationId + "-b", a.responseId);
        BrokerClients.sendEvents(Topics.CHUNKS, a.started(0, "m"), a.text(1, "A's"), a.completed(2, "stop", null),
                b.started(0, "m"), b.text(1, "B's"), b.completed(2, "stop", null));

        Response ofB = awaitEnded("/v1/conversations/" + b.conversationId + "/responses/" + b.responseId);
        Response ofA = awaitEnded("/v1/conversations/" + a.conversationId + "/responses/" + a.responseId);
        assertEquals("A's", ofA.jsonPath().getString("text"));
        assertEquals("B's", ofB.jsonPath().getString("text"));

        given().get("/v1/responses/{id}", a.responseId)
                .then()
                .statusCode(409)
                .body("error.code", equalTo("ambiguous_response_id"));
    }

    private static Response awaitEnded(String path) {
        return ResponsesApi.awaitEndedAt(path, TIMEOUT);
    }

    @Test
    void unknownResponseIdIsA404WithAJsonError() {
        given().get("/v1/responses/{id}", "resp-never-written")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("response_not_found"))
                .body("error.message", equalTo("no event of response 'resp-never-written' has been seen yet"));
    }

    @Test
    void unknownPathIsA404WithAJsonError() {
        given().get("/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("not_found"));
    }
}
