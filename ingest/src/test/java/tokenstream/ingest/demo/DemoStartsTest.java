package tokenstream.ingest.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts with only the demo grant (what the relay signs for anonymous callers) get the demo's terms, not the
 * request's, and only {@link DemoProfile#MAX_OPEN} run at once.
 */
@QuarkusTest
@TestProfile(DemoProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DemoStartsTest {
    private static final String GREEDY = "{\"prompt\":\"hi\",\"model\":\"gpt-4-32k\",\"metadata\":{\"a\":1},"
            + "\"options\":{\"seed\":7,\"max_tokens\":4096,\"tokens_per_second\":0.001,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
            + "\"simulate\":{\"stall_after_tokens\":1}}}";
    private final List<String[]> started = new ArrayList<>();

    @AfterEach
    void cancelWhatTheTestStarted() {
        // Every demo generation here runs 20 s; the next test needs the slots.
        for (String[] response : started) {
            given().header("Authorization", "Bearer " + DemoProfile.OPERATOR_KEY)
                    .post("/v1/conversations/{cid}/responses/{rid}/cancel", response[0], response[1]).then().extract();
        }
    }

    @Test
    void aDemoStartGetsTheDemosLengthPaceAndModelWhateverItAsksFor() {
        String cid = "demo-" + UUID.randomUUID();

        var answer = demoStart(cid, GREEDY);

        assertEquals(202, answer.statusCode(), answer.asString());
        assertEquals("simulator", answer.path("model"));
        ChunkEvent.ResponseStarted event = (ChunkEvent.ResponseStarted)
                ChunksTopic.at(EventId.decode(answer.path("position"))).event();
        assertEquals("simulator", event.model());
        JsonNode options = event.metadata().get("options");
        assertEquals(DemoProfile.MAX_TOKENS, options.get("max_tokens").asInt());
        assertEquals(DemoProfile.TOKENS_PER_SECOND, options.get("tokens_per_second").asDouble());
        assertEquals(7, options.get("seed").asInt(), "what only shapes the answer is kept");
        assertFalse(options.has("tools"), options.toString());
        assertFalse(options.has("simulate"), options.toString());
        assertTrue(event.metadata().get("request_metadata") == null || event.metadata().get("request_metadata").isEmpty(),
                event.metadata().toString());
    }

    @Test
    void aDemoStartAboveTheOpenDemoGenerationsIs429WithRetryAfter() {
        for (int i = 0; i < DemoProfile.MAX_OPEN; i++) {
            assertEquals(202, demoStart("demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}").statusCode());
        }

        var refused = demoStart("demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}");

        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("too_many_demo_generations", refused.path("error.code"));
        assertEquals(String.valueOf((int) Math.ceil(DemoProfile.MAX_TOKENS / DemoProfile.TOKENS_PER_SECOND)),
                refused.header("Retry-After"));
    }

    @Test
    void anEndedDemoGenerationGivesItsSlotBack() {
        for (int i = 0; i < DemoProfile.MAX_OPEN; i++) {
            assertEquals(202, demoStart("demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}").statusCode());
        }
        String[] first = started.get(0);
        assertEquals(200, given().header("Authorization", "Bearer " + DemoProfile.OPERATOR_KEY)
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", first[0], first[1]).then().extract().statusCode());

        // The slot comes back when the end is recorded, a moment after the cancel's answer.
        ExtractableResponse<Response> again = await("a demo slot given back").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> demoStart("demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}"), answer -> answer.statusCode() != 429);

        assertEquals(202, again.statusCode(), again.asString());
    }

    @Test
    void theCapCountsOnlyDemoGenerations() {
        for (int i = 0; i < DemoProfile.MAX_OPEN; i++) {
            assertEquals(202, demoStart("demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}").statusCode());
        }
        String cid = "user-" + UUID.randomUUID();

        var producer = given().header("Authorization", "Bearer " + DemoTokens.sign("backend", "produce", cid))
                .contentType(ContentType.JSON).body("{\"prompt\":\"hi\",\"options\":{\"max_tokens\":2}}")
                .post("/v1/conversations/{cid}/responses", cid).then().extract();

        assertEquals(202, producer.statusCode(), producer.asString());
    }

    @Test
    void theDemoGrantCannotPush() {
        String cid = "demo-" + UUID.randomUUID();

        var push = given().header("Authorization", "Bearer " + DemoTokens.demo(cid))
                .contentType("application/x-ndjson").body("{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\"}\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", cid, "r-" + UUID.randomUUID()).then().extract();

        assertEquals(403, push.statusCode(), push.asString());
    }

    private ExtractableResponse<Response> demoStart(String cid, String body) {
        var answer = given().header("Authorization", "Bearer " + DemoTokens.demo(cid)).contentType(ContentType.JSON)
                .body(body).post("/v1/conversations/{cid}/responses", cid).then().extract();
        if (answer.statusCode() == 202) {
            started.add(new String[]{cid, answer.path("response_id")});
        }
        return answer;
    }
}
