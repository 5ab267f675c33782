package tokenstream.ingest.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write Kafka did not acknowledge but did append (a broker lost right after the append): the gateway's retry of the
 * line must not write it twice.
 */
@QuarkusTest
@TestProfile(UncertainWriteTest.Lying.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UncertainWriteTest {
    public static class Lying implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(LyingChunkWriter.class);
        }
    }

    @Inject
    LyingChunkWriter writer;

    private final String conversation = "conv-uncertain-" + UUID.randomUUID();
    private final String response = "resp-uncertain-" + UUID.randomUUID();

    private ExtractableResponse<Response> push(String... lines) {
        return given().contentType("application/x-ndjson").body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversation, response)
                .then().extract();
    }

    private static String started() {
        return "{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway-model\"}";
    }

    private static String delta(long seq, String text) {
        return "{\"type\":\"text.delta\",\"seq\":" + seq + ",\"text\":\"" + text + "\"}";
    }

    private List<Long> seqsOnTopic() {
        return ChunksTopic.conversation(conversation).stream().map(r -> r.event().seq()).toList();
    }

    @Test
    void aRetriedLineThatWasWrittenAfterAllIsADuplicate() {
        writer.timeOutAfterWriting(response, 2);
        var failed = push(started(), delta(1, "a"), delta(2, "b"));
        assertEquals(503, failed.statusCode(), failed.asString());
        assertEquals(1, (int) failed.path("error.last_seq"));

        var retried = push(delta(2, "b"), delta(3, "c"));

        assertEquals(200, retried.statusCode(), retried.asString());
        assertEquals(1, (int) retried.path("accepted"));
        assertEquals(1, (int) retried.path("duplicates"));
        assertEquals(3, (int) retried.path("last_seq"));
        assertEquals(List.of(0L, 1L, 2L, 3L), seqsOnTopic());
    }

    @Test
    void aRetriedFirstLineThatWasWrittenAfterAllIsADuplicate() {
        // No acknowledged write of the response yet: the log is searched from the time of the write. The line after
        // the "timed out" one was written too, so both are repeats.
        writer.timeOutAfterWriting(response, 0);
        var failed = push(started(), delta(1, "a"));
        assertEquals(503, failed.statusCode(), failed.asString());

        var retried = push(started(), delta(1, "a"), delta(2, "b"));

        assertEquals(200, retried.statusCode(), retried.asString());
        assertEquals(2, (int) retried.path("duplicates"));
        assertEquals(1, (int) retried.path("accepted"));
        assertEquals(List.of(0L, 1L, 2L), seqsOnTopic());
    }
}
