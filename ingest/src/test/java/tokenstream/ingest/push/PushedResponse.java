package tokenstream.ingest.push;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import tokenstream.ingest.ChunksTopic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** One response a test pushes to ingest as a gateway would: fresh ids, its NDJSON lines, its seqs read back from the topic. */
final class PushedResponse {
    final String conversation;
    final String response;

    /** A response with ids no other test uses, {@code what} in both for the logs. */
    PushedResponse(String what) {
        this.conversation = "conv-" + what + "-" + UUID.randomUUID();
        this.response = "resp-" + what + "-" + UUID.randomUUID();
    }

    /** One push of the lines, each ended by a newline. */
    ExtractableResponse<Response> push(String... lines) {
        return given().contentType("application/x-ndjson")
                .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversation, response)
                .then().extract();
    }

    /** The seqs of the conversation's records on the chunks topic, in topic order. */
    List<Long> seqsOnTopic() {
        return ChunksTopic.conversation(conversation).stream().map(r -> r.event().seq()).toList();
    }

    static String started() {
        return "{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway-model\"}";
    }

    static String delta(long seq, String text) {
        return "{\"type\":\"text.delta\",\"seq\":" + seq + ",\"text\":\"" + text + "\"}";
    }

    static String completed(long seq) {
        return "{\"type\":\"response.completed\",\"seq\":" + seq + ",\"finish_reason\":\"stop\"}";
    }
}
