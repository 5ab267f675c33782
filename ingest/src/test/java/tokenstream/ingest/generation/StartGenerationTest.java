package tokenstream.ingest.generation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.ingest.Generations;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StartGenerationTest {

    static ExtractableResponse<Response> start(String conversationId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/v1/conversations/{cid}/responses", conversationId)
                .then().extract();
    }

    @Test
    void answers202WithThePositionOfResponseStarted() {
        String conversation = "conv-start-" + UUID.randomUUID();
        var answer = start(conversation, "{\"prompt\":\"Hello there\",\"options\":{\"max_tokens\":3,\"tokens_per_second\":500}}");

        assertEquals(202, answer.statusCode(), answer.asString());
        String responseId = answer.path("response_id");
        ChunkRecord record = ChunksTopic.at(EventId.decode(answer.path("position")));

        ChunkEvent.ResponseStarted started = assertInstanceOf(ChunkEvent.ResponseStarted.class, record.event());
        assertEquals(conversation, started.conversationId());
        assertEquals(responseId, started.responseId());
        assertEquals(0, started.seq());
        assertEquals("simulator", started.model());
        assertEquals("Hello there", started.metadata().path("prompt").asText());
    }

    @Test
    void keysTheRecordByConversationAndRepeatsTypeResponseAndSeqInHeaders() {
        String conversation = "conv-headers-" + UUID.randomUUID();
        var answer = start(conversation, "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":2,\"tokens_per_second\":500}}");

        ChunkRecord record = ChunksTopic.at(EventId.decode(answer.path("position")));

        assertEquals(conversation, record.key());
        assertEquals("response.started", record.headers().get(EventHeaders.EVENT_TYPE));
        assertEquals(answer.path("response_id"), record.headers().get(EventHeaders.RESPONSE_ID));
        assertEquals("0", record.headers().get(EventHeaders.SEQ));
    }

    @Test
    void answerNamesTheResponseAndPointsToTheRelayStream() {
        String conversation = "conv-url-" + UUID.randomUUID();
        var answer = start(conversation, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"sim-large\","
                + "\"options\":{\"max_tokens\":2,\"tokens_per_second\":500}}");

        String position = answer.path("position");
        String streamUrl = "http://localhost:8080/v1/conversations/" + conversation + "/stream?from=" + position;
        assertEquals(conversation, answer.path("conversation_id"));
        assertEquals("sim-large", answer.path("model"));
        assertTrue(((String) answer.path("response_id")).matches("resp_[0-9a-f]{32}"), (String) answer.path("response_id"));
        assertEquals(streamUrl, answer.path("stream_url"));
        assertEquals(streamUrl, answer.header("Location"));
    }

    @Test
    void leavesLongPromptsOutOfTheStartedMetadata() {
        String conversation = "conv-long-" + UUID.randomUUID();
        String prompt = "word ".repeat(200);
        var answer = start(conversation, "{\"prompt\":\"" + prompt + "\",\"metadata\":{\"user\":\"u1\"},"
                + "\"options\":{\"max_tokens\":2,\"tokens_per_second\":500}}");

        var started = (ChunkEvent.ResponseStarted) ChunksTopic.at(EventId.decode(answer.path("position"))).event();

        assertTrue(started.metadata().path("prompt").isMissingNode());
        assertEquals(prompt.length(), started.metadata().path("prompt_chars").asInt());
        assertEquals("u1", started.metadata().path("request_metadata").path("user").asText());
        assertEquals(2, started.metadata().path("options").path("max_tokens").asInt());
    }

    @Test
    void aTopLevelMaxTokensAsOpenAiClientsSendItLimitsTheAnswerLikeOptionsMaxTokens() {
        String conversation = "conv-top-max-" + UUID.randomUUID();
        var answer = start(conversation, "{\"prompt\":\"hi\",\"max_tokens\":2,\"options\":{\"tokens_per_second\":500}}");
        assertEquals(202, answer.statusCode(), answer.asString());

        var events = Generations.untilEnd(conversation, answer.path("response_id"));

        var started = assertInstanceOf(ChunkEvent.ResponseStarted.class, events.get(0));
        assertEquals(2, started.metadata().path("options").path("max_tokens").asInt());
        var completed = assertInstanceOf(ChunkEvent.ResponseCompleted.class, Generations.last(events));
        assertEquals(2, completed.usage().completionTokens());
    }
}
