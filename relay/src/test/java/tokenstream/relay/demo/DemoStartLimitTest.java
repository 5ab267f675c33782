package tokenstream.relay.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ProtocolJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous demo starts through the relay, 10 per address and window: the 11th within the window is refused before it reaches ingest, and what reaches ingest carries only the demo grant and no cost settings.
 * Each test comes from its own client address, as the trusted proxy (this machine) forwards it.
 */
@QuarkusTest
@TestProfile(DemoRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DemoStartLimitTest {
    private static final String GREEDY = "{\"prompt\":\"hi\",\"model\":\"gpt-4-32k\",\"metadata\":{\"a\":1},"
            + "\"options\":{\"seed\":3,\"max_tokens\":4096,\"tokens_per_second\":0.001,\"response_format\":{\"type\":\"json_object\"},"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"simulate\":{\"stall_after_tokens\":1}}}";

    @BeforeEach
    void forgetEarlierStarts() {
        StartingIngest.RECEIVED.clear();
    }

    @Test
    void thirtyAnonymousDemoStartsFromOneAddressInAMinuteAre429AfterTheTenth() {
        List<Integer> statuses = new ArrayList<>();
        ExtractableResponse<Response> refused = null;
        for (int i = 0; i < 30; i++) {
            var answer = anonymousStart("198.51.100.1", "demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429 && refused == null) {
                refused = answer;
            }
        }

        assertEquals(List.of(202, 202, 202, 202, 202, 202, 202, 202, 202, 202), statuses.subList(0, 10));
        assertTrue(statuses.subList(10, 30).stream().allMatch(s -> s == 429), statuses.toString());
        assertNotNull(refused);
        assertEquals("too_many_starts", refused.path("error.code"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "one start comes back every 60 s here: " + retryAfter);
        assertEquals(10, StartingIngest.RECEIVED.size(), "refused starts never reach ingest");
    }

    @Test
    void anAnonymousDemoStartReachesIngestWithOnlyTheDemoGrantAndNoCostSettings() throws Exception {
        String cid = "demo-" + UUID.randomUUID();
        assertEquals(202, anonymousStart("198.51.100.2", cid, GREEDY).statusCode());

        StartingIngest.Received received = StartingIngest.RECEIVED.poll(10, TimeUnit.SECONDS);

        assertNotNull(received);
        JsonNode claims = claims(received.authorization());
        assertEquals("demo", claims.get("scope").asText());
        assertEquals(cid, claims.get("conversations").get(0).asText());
        JsonNode body = ProtocolJson.mapper().readTree(received.body());
        assertEquals("hi", body.get("prompt").asText());
        assertFalse(body.has("model") || body.has("metadata"), body.toString());
        JsonNode options = body.get("options");
        assertEquals(3, options.get("seed").asInt());
        assertEquals("json_object", options.get("response_format").get("type").asText());
        for (String costly : List.of("max_tokens", "tokens_per_second", "tools", "simulate")) {
            assertFalse(options.has(costly), costly + " reached ingest: " + options);
        }
    }

    @Test
    void eachClientAddressHasItsOwnLimit() {
        for (int i = 0; i < 10; i++) {
            assertEquals(202, anonymousStart("198.51.100.4", "demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}").statusCode());
        }
        assertEquals(429, anonymousStart("198.51.100.4", "demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}").statusCode());

        var other = anonymousStart("198.51.100.5", "demo-" + UUID.randomUUID(), "{\"prompt\":\"hi\"}");

        assertEquals(202, other.statusCode(), other.asString());
    }

    @Test
    void aStartWithCredentialsIsNeitherLimitedNorRewritten() throws Exception {
        String cid = "user-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            var answer = given().header("X-Forwarded-For", "198.51.100.3")
                    .header("Authorization", "Bearer some-producer-key").contentType(ContentType.JSON)
                    .body(GREEDY).post("/v1/conversations/{cid}/responses", cid).then().extract();
            assertEquals(202, answer.statusCode(), "start " + (i + 1));
        }

        StartingIngest.Received received = StartingIngest.RECEIVED.poll(10, TimeUnit.SECONDS);

        assertNotNull(received);
        assertEquals("Bearer some-producer-key", received.authorization());
        assertEquals(ProtocolJson.mapper().readTree(GREEDY), ProtocolJson.mapper().readTree(received.body()));
    }

    private static ExtractableResponse<Response> anonymousStart(String clientAddress, String cid, String body) {
        return given().header("X-Forwarded-For", clientAddress).contentType(ContentType.JSON).body(body)
                .post("/v1/conversations/{cid}/responses", cid).then().extract();
    }

    private static JsonNode claims(String authorization) throws Exception {
        String token = authorization.substring("Bearer ".length());
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        return ProtocolJson.mapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

}
