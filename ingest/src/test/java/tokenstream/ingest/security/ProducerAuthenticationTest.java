package tokenstream.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.untilEnd;

/** Only authenticated producers start and push; a response belongs to the producer that began it. */
@QuarkusTest
@TestProfile(SecuredIngestProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ProducerAuthenticationTest {
    private static final String SHORT = "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":2,\"tokens_per_second\":1000}}";

    static ExtractableResponse<Response> start(String conversationId, String authorization, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post("/v1/conversations/{cid}/responses", conversationId).then().extract();
    }

    static ExtractableResponse<Response> push(String conversationId, String responseId, String key, String... lines) {
        return given().contentType("application/x-ndjson").header("Authorization", "Bearer " + key)
                .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversationId, responseId).then().extract();
    }

    static String delta(long seq) {
        return "{\"type\":\"text.delta\",\"seq\":" + seq + ",\"text\":\"t" + seq + "\"}";
    }

    static final String STARTED = "{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway-model\"}";

    @Test
    void aStartWithoutCredentialsIs401AndWritesNothing() {
        String cid = newConversation("anonymous");

        var answer = start(cid, null, SHORT);

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
        assertTrue(ChunksTopic.conversation(cid).isEmpty());
    }

    @Test
    void aStartWithAnUnknownKeyIs401() {
        var answer = start(newConversation("unknown-key"), "Bearer not-a-key", SHORT);

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
    }

    @Test
    void aStartWithAProducerKeyIs202WithAClientTokenThatReadsAndCancelsOnlyThatConversation() {
        String cid = newConversation("issued");

        var answer = start(cid, "Bearer " + SecuredIngestProfile.GATEWAY_A, SHORT);

        assertEquals(202, answer.statusCode(), answer.asString());
        JwtClaims claims = TestTokens.read(answer.path("access_token"));
        assertEquals("{sub=key:gateway-a, scope=read cancel, conversations=[" + cid + "]}",
                "{sub=" + claims.getClaimValue("sub") + ", scope=" + claims.getClaimValue("scope")
                        + ", conversations=" + claims.getClaimValue("conversations") + "}");
        Instant expiresAt = Instant.parse(answer.path("token_expires_at"));
        assertEquals(claims.getClaimValue("exp"), expiresAt.getEpochSecond());
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(9 * 60)), "about the configured 10 minutes");
        untilEnd(cid, answer.path("response_id"));
    }

    @Test
    void aClientTokenCannotStartAGeneration() {
        String cid = newConversation("client");

        var answer = start(cid, "Bearer " + TestTokens.sign("user-1", "read cancel", List.of(cid)), SHORT);

        assertEquals(403, answer.statusCode());
        assertEquals("forbidden", answer.path("error.code"));
    }

    @Test
    void aProducerTokenStartsOnlyItsConversations() {
        String mine = newConversation("mine");
        String producer = TestTokens.sign("backend", "produce", List.of(mine));

        var allowed = start(mine, "Bearer " + producer, SHORT);
        var refused = start(newConversation("not-mine"), "Bearer " + producer, SHORT);

        assertEquals(202, allowed.statusCode(), allowed.asString());
        assertEquals(403, refused.statusCode());
        untilEnd(mine, allowed.path("response_id"));
    }

    @Test
    void aPushIntoAResponseOwnedByAnotherProducerIs403AndWritesNothing() {
        String cid = newConversation("owned");
        assertEquals(200, push(cid, "resp-owned", SecuredIngestProfile.GATEWAY_A, STARTED, delta(1)).statusCode());

        var intruder = push(cid, "resp-owned", SecuredIngestProfile.GATEWAY_B, delta(2));
        var owner = push(cid, "resp-owned", SecuredIngestProfile.GATEWAY_A, delta(2));

        assertEquals(403, intruder.statusCode());
        assertEquals("not_owner", intruder.path("error.code"));
        assertEquals(200, owner.statusCode(), owner.asString());
        assertEquals(2, (int) owner.path("last_seq"));
        assertEquals(List.of("t1", "t2"), ChunksTopic.conversationUntil(cid, r -> r.size() >= 3).stream()
                .filter(r -> r.event() instanceof tokenstream.protocol.ChunkEvent.TextDelta)
                .map(r -> ((tokenstream.protocol.ChunkEvent.TextDelta) r.event()).text()).toList());
    }

    @Test
    void aPushWithoutCredentialsIs401() {
        var answer = given().contentType("application/x-ndjson").body((STARTED + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", newConversation("anon-push"), "r1").then().extract();

        assertEquals(401, answer.statusCode());
    }

    @Test
    void theIssuedClientTokenCancelsItsResponseButNotAnotherConversations() {
        String cid = newConversation("cancel");
        var started = start(cid, "Bearer " + SecuredIngestProfile.GATEWAY_A,
                "{\"prompt\":\"slow\",\"options\":{\"max_tokens\":500,\"tokens_per_second\":5}}");
        String token = started.path("access_token");
        String other = newConversation("cancel-other");

        var refused = given().header("Authorization", "Bearer " + token)
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", other, started.path("response_id")).then().extract();
        var cancelled = given().header("Authorization", "Bearer " + token)
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", cid, started.path("response_id")).then().extract();

        assertEquals(403, refused.statusCode());
        assertEquals(200, cancelled.statusCode(), cancelled.asString());
        assertEquals("cancelled", cancelled.path("status"));
    }
}
