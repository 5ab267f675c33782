package tokenstream.consumers.transcripts;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class TranscriptEndpointTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    /** Writes three whole responses of one conversation, one after the other; returns their ids in order. */
    private static List<String> conversationOfThreeResponses(String conversationId) throws InterruptedException {
        List<String> ids = List.of("resp-a-" + UUID.randomUUID(), "resp-b-" + UUID.randomUUID(),
                "resp-c-" + UUID.randomUUID());
        for (int i = 0; i < ids.size(); i++) {
            ResponseEvents r = new ResponseEvents(conversationId, ids.get(i));
            BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "m"), r.text(1, "answer " + i),
                    r.completed(2, "stop", null));
        }
        ResponsesApi.awaitEnded(ids.get(ids.size() - 1), TIMEOUT);
        return ids;
    }

    private static JsonPath page(String conversationId, String query) {
        return given().get("/v1/conversations/{cid}/transcript" + query, conversationId)
                .then().statusCode(200).contentType(startsWith("application/json"))
                .extract().jsonPath();
    }

    @Test
    void transcriptListsTheConversationsResponsesInTheOrderTheyStarted() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        List<String> ids = conversationOfThreeResponses(conversationId);

        JsonPath transcript = page(conversationId, "");

        assertEquals(conversationId, transcript.getString("conversation_id"));
        assertEquals(ids, transcript.getList("responses.response_id"));
        assertEquals(List.of("answer 0", "answer 1", "answer 2"), transcript.getList("responses.text"));
        assertNull(transcript.getString("next_page_token"));
    }

    @Test
    void pagesFollowEachOtherThroughTheNextPageToken() throws InterruptedException {
        String conversationId = "conv-" + UUID.randomUUID();
        List<String> ids = conversationOfThreeResponses(conversationId);

        JsonPath first = page(conversationId, "?page_size=2");
        JsonPath second = page(conversationId, "?page_size=2&page_token=" + first.getString("next_page_token"));

        assertEquals(ids.subList(0, 2), first.getList("responses.response_id"));
        assertEquals(ids.subList(2, 3), second.getList("responses.response_id"));
        assertNull(second.getString("next_page_token"));
    }

    @Test
    void unknownConversationIsA404WithAJsonError() {
        given().get("/v1/conversations/{cid}/transcript", "conv-never-written")
                .then().statusCode(404)
                .body("error.code", equalTo("conversation_not_found"));
    }

    @Test
    void pageSizeOutOfRangeIsA400WithAJsonError() {
        given().get("/v1/conversations/{cid}/transcript?page_size=0", "conv-any")
                .then().statusCode(400)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("invalid_page_size"))
                .body("error.message", equalTo("page_size must be a whole number from 1 to 100, got '0'"));
    }

    @Test
    void pageTokenNotIssuedByTheEndpointIsA400WithAJsonError() {
        given().get("/v1/conversations/{cid}/transcript?page_token=bm9wZQ", "conv-any")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_page_token"));
    }
}
