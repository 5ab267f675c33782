package tokenstream.ingest.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.push.PushedResponse.completed;
import static tokenstream.ingest.push.PushedResponse.delta;
import static tokenstream.ingest.push.PushedResponse.started;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PushTest {
    private final PushedResponse pushed = new PushedResponse("push");
    private final String conversation = pushed.conversation;
    private final String response = pushed.response;

    @Test
    void writesAWholeResponseInOrderFillingIdsAndTimestamps() {
        var answer = pushed.push(started(), delta(1, "Hel"), delta(2, "lo ☕"), completed(3));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(4, (int) answer.path("accepted"));
        assertEquals(0, (int) answer.path("duplicates"));
        assertEquals(3, (int) answer.path("last_seq"));
        List<ChunkRecord> records = ChunksTopic.conversation(conversation);
        assertEquals(List.of(0L, 1L, 2L, 3L), records.stream().map(r -> r.event().seq()).toList());
        records.forEach(r -> {
            assertEquals(response, r.event().responseId());
            assertEquals(conversation, r.key());
            assertNotNull(r.event().timestamp());
        });
        assertEquals("lo ☕", ((ChunkEvent.TextDelta) records.get(2).event()).text());
        assertEquals(records.get(3).position(), EventId.decode(answer.path("last_position")));
    }

    @Test
    void repeatedSeqsAreIgnoredAndCounted() {
        pushed.push(started(), delta(1, "a"));

        var answer = pushed.push(started(), delta(1, "a"), delta(2, "b"));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(1, (int) answer.path("accepted"));
        assertEquals(2, (int) answer.path("duplicates"));
        assertEquals(2, (int) answer.path("last_seq"));
        assertEquals(List.of(0L, 1L, 2L), pushed.seqsOnTopic());
    }

    @Test
    void malformedLineIs400NamingItAfterWritingTheLinesBefore() {
        var answer = pushed.push(started(), delta(1, "a"), "{\"type\":\"text.delta\",\"seq\":2,", delta(3, "c"));

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("malformed_line", answer.path("error.code"));
        assertEquals(3, (int) answer.path("error.line"));
        assertEquals(2, (int) answer.path("error.accepted"));
        assertEquals(1, (int) answer.path("error.last_seq"));
        assertTrue(((String) answer.path("error.message")).contains("line 3"), (String) answer.path("error.message"));
        assertEquals(List.of(0L, 1L), pushed.seqsOnTopic());
    }

    @Test
    void eventMissingARequiredFieldIs400WithTheCodecsReason() {
        var answer = pushed.push(started(), "{\"type\":\"text.delta\",\"seq\":1}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("malformed_line", answer.path("error.code"));
        assertEquals(2, (int) answer.path("error.line"));
        assertTrue(((String) answer.path("error.message")).contains("'text'"), (String) answer.path("error.message"));
    }

    @Test
    void blankLinesAreSkippedButKeepTheirLineNumber() {
        var answer = pushed.push(started(), "", "   ", "not json");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals(4, (int) answer.path("error.line"));
        assertEquals(1, (int) answer.path("error.accepted"));
    }

    @Test
    void gapIs409NamingTheLineAndTheExpectedSeq() {
        var answer = pushed.push(started(), delta(1, "a"), delta(3, "c"));

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("seq_gap", answer.path("error.code"));
        assertEquals(3, (int) answer.path("error.line"));
        assertEquals(2, (int) answer.path("error.expected_seq"));
        assertEquals(3, (int) answer.path("error.got_seq"));
        assertEquals(2, (int) answer.path("error.accepted"));
        assertEquals(List.of(0L, 1L), pushed.seqsOnTopic());
    }

    @Test
    void aSeqBeyondTheIntRangeIs400NamingTheLine() {
        var answer = pushed.push(started(), delta(1, "a"), delta(2147483648L, "far"));

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("malformed_line", answer.path("error.code"));
        assertEquals(3, (int) answer.path("error.line"));
        assertTrue(((String) answer.path("error.message")).contains("2147483647"), (String) answer.path("error.message"));
        assertEquals(List.of(0L, 1L), pushed.seqsOnTopic());
    }

    @Test
    void firstEventOfAnUnknownResponseMustBeResponseStarted() {
        var answer = pushed.push(delta(1, "a"));

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("seq_gap", answer.path("error.code"));
        assertEquals(0, (int) answer.path("error.expected_seq"));
        assertTrue(((String) answer.path("error.message")).contains("unknown"), (String) answer.path("error.message"));
    }

    @Test
    void eventAfterTheTerminalEventIs409() {
        pushed.push(started(), completed(1));

        var answer = pushed.push(delta(2, "late"));

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("response_ended", answer.path("error.code"));
        assertEquals(1, (int) answer.path("error.line"));
        assertEquals(List.of(0L, 1L), pushed.seqsOnTopic());
    }

    @Test
    void idThatContradictsThePathIs400() {
        var answer = pushed.push(started(), "{\"type\":\"text.delta\",\"seq\":1,\"text\":\"x\",\"conversation_id\":\"someone-else\"}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("id_mismatch", answer.path("error.code"));
        assertEquals(2, (int) answer.path("error.line"));
        assertEquals(List.of(0L), pushed.seqsOnTopic());
    }

    @Test
    void idsThatRepeatThePathAreAccepted() {
        var answer = pushed.push("{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\",\"conversation_id\":\"" + conversation
                + "\",\"response_id\":\"" + response + "\",\"timestamp\":\"2024-05-01T10:00:00Z\"}");

        assertEquals(200, answer.statusCode(), answer.asString());
        var started = assertInstanceOf(ChunkEvent.ResponseStarted.class, ChunksTopic.conversation(conversation).get(0).event());
        assertEquals("2024-05-01T10:00:00Z", started.timestamp().toString());
    }

    @Test
    void contentTypeOtherThanNdjsonIs415() {
        given().contentType(ContentType.JSON).body(started())
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversation, response)
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error.code", org.hamcrest.Matchers.equalTo("unsupported_media_type"));
    }

    @Test
    void bodyOverTheLimitIs413AndWritesNothing() {
        String big = delta(1, "x".repeat(60_000));
        List<String> lines = new ArrayList<>(List.of(started()));
        for (int i = 0; i < 20; i++) {
            lines.add(big);
        }

        var answer = pushed.push(lines.toArray(String[]::new));

        assertEquals(413, answer.statusCode(), answer.asString());
        assertEquals("body_too_large", answer.path("error.code"));
        assertEquals(List.of(), pushed.seqsOnTopic());
    }

    @Test
    void concurrentPushesOfOneResponseWriteEachSeqOnceInOrder() throws Exception {
        List<String> lines = new ArrayList<>(List.of(started()));
        LongStream.rangeClosed(1, 30).forEach(seq -> lines.add(delta(seq, "t" + seq)));
        lines.add(completed(31));
        ExecutorService gateways = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> accepted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                accepted.add(gateways.submit(() -> {
                    var answer = pushed.push(lines.toArray(String[]::new));
                    assertEquals(200, answer.statusCode(), answer.asString());
                    return (int) answer.path("accepted");
                }));
            }
            int total = 0;
            for (Future<Integer> f : accepted) {
                total += f.get();
            }

            assertEquals(32, total);
            assertEquals(LongStream.rangeClosed(0, 31).boxed().toList(), pushed.seqsOnTopic());
        } finally {
            gateways.shutdownNow();
        }
    }

    @Test
    void badResponseIdInThePathIs400() {
        given().contentType("application/x-ndjson").body(started().getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversation, "no spaces please")
                .then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo("invalid_response_id"));
    }
}
