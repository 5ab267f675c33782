package tokenstream.ingest;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.protocol.ChunkEvent;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Starting, cancelling and reading back generations through ingest's real HTTP API and the real topic. */
public final class Generations {
    private Generations() {
    }

    public static String newConversation(String what) {
        return "conv-" + what + "-" + UUID.randomUUID();
    }

    /** Starts a generation and returns its response id; the start must be accepted. */
    public static String start(String conversationId, String body) {
        var answer = post(conversationId, body);
        assertEquals(202, answer.statusCode(), answer.asString());
        return answer.path("response_id");
    }

    public static ExtractableResponse<Response> post(String conversationId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/v1/conversations/{cid}/responses", conversationId).then().extract();
    }

    public static ExtractableResponse<Response> cancel(String conversationId, String responseId, String body) {
        var request = given();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/v1/conversations/{cid}/responses/{rid}/cancel", conversationId, responseId).then().extract();
    }

    /** The response's events, read until its terminal event is on the topic. */
    public static List<ChunkEvent> untilEnd(String conversationId, String responseId) {
        return ChunksTopic.conversationUntil(conversationId, ChunksTopic.terminalOf(responseId)).stream()
                .map(ChunkRecord::event).filter(e -> e.responseId().equals(responseId)).toList();
    }

    /** The response's events, read until at least {@code count} of them are on the topic. */
    public static List<ChunkEvent> atLeast(String conversationId, String responseId, int count) {
        return ChunksTopic.conversationUntil(conversationId,
                        records -> records.stream().filter(r -> r.event().responseId().equals(responseId)).count() >= count)
                .stream().map(ChunkRecord::event).filter(e -> e.responseId().equals(responseId)).toList();
    }

    public static ChunkEvent last(List<ChunkEvent> events) {
        return events.get(events.size() - 1);
    }

    public static String text(List<ChunkEvent> events) {
        return events.stream().filter(ChunkEvent.TextDelta.class::isInstance)
                .map(e -> ((ChunkEvent.TextDelta) e).text()).collect(Collectors.joining());
    }

    public static <T extends ChunkEvent> List<T> ofType(List<ChunkEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
