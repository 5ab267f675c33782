package tokenstream.ingest.tracing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.ingest.Generations.newConversation;

/** Log lines about a response, written on the generation's own thread, carry the trace id of its start. */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ResponseLogLinesTest {
    private static final String GENERATION_LOGGER = "tokenstream.ingest.generation.Generation";
    /** Formatted message → the trace id in the logging context when it was logged ("" if none). */
    private final Map<String, String> lines = new ConcurrentHashMap<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                String traceId = ext.getMdc(ResponseLogContext.TRACE_ID);
                lines.put(ext.getFormattedMessage(), traceId == null ? "" : traceId);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(GENERATION_LOGGER).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(GENERATION_LOGGER).removeHandler(capture);
    }

    @Test
    void anUpstreamFailureIsLoggedWithTheTraceIdOfTheStart() {
        String traceId = randomHex(32);
        var answer = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
                .body("{\"prompt\":\"fail me\",\"options\":{\"max_tokens\":20,\"tokens_per_second\":200,"
                        + "\"simulate\":{\"error_after_tokens\":2}}}")
                .post("/v1/conversations/{cid}/responses", newConversation("traced-log")).then().extract();
        assertEquals(202, answer.statusCode(), answer.asString());
        String responseId = answer.path("response_id");

        String logged = await("the upstream failure of " + responseId + " in the log").atMost(Duration.ofSeconds(20))
                .until(() -> lines.entrySet().stream()
                        .filter(line -> line.getKey().contains("upstream failed for response " + responseId))
                        .map(Map.Entry::getValue).findFirst().orElse(null), traceIdOfLine -> traceIdOfLine != null);

        assertEquals(traceId, logged);
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }
}
