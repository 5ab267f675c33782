package tokenstream.consumers.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit API reads nothing for a caller without a token that covers what it asks for. */
@QuarkusTest
@TestProfile(ReadAccessTest.Secured.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class ReadAccessTest {
    static final String SECRET = "consumers-security-test-secret-0123456789ab";

    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.security.enabled", "true", "tokenstream.security.jwt-secret", SECRET);
        }
    }

    static String token(String scope, List<String> conversations, Instant expiresAt) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("tokenstream");
        claims.setAudience("tokenstream");
        claims.setSubject("tester");
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setClaim("scope", scope);
        claims.setStringListClaim("conversations", conversations);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return jws.getCompactSerialization();
    }

    static String token(String scope, List<String> conversations) throws Exception {
        return token(scope, conversations, Instant.now().plusSeconds(300));
    }

    /** The answer once Kafka Streams serves queries (503 until then). */
    static ExtractableResponse<Response> onceQueryable(Supplier<ExtractableResponse<Response>> request) {
        return await("the stores queryable (not 503)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(request::get, answer -> answer.statusCode() != 503);
    }

    @Test
    void aTranscriptWithoutATokenIs401() {
        var answer = given().get("/v1/conversations/{cid}/transcript", "c-1").then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
    }

    @Test
    void aTranscriptWithAnExpiredTokenIs401() throws Exception {
        String expired = token("read", List.of("c-1"), Instant.now().minusSeconds(60));

        var answer = given().header("Authorization", "Bearer " + expired)
                .get("/v1/conversations/{cid}/transcript", "c-1").then().extract();

        assertEquals(401, answer.statusCode());
    }

    @Test
    void anotherConversationsTranscriptIs403() throws Exception {
        var answer = given().header("Authorization", "Bearer " + token("read", List.of("c-2")))
                .get("/v1/conversations/{cid}/transcript", "c-1").then().extract();

        assertEquals(403, answer.statusCode());
        assertEquals("forbidden", answer.path("error.code"));
    }

    @Test
    void aTokenForTheConversationReachesTheTranscript() throws Exception {
        String reader = "Bearer " + token("read", List.of("c-never-seen"));

        var answer = onceQueryable(() -> given().header("Authorization", reader)
                .get("/v1/conversations/{cid}/transcript", "c-never-seen").then().extract());

        assertEquals(404, answer.statusCode());
        assertEquals("conversation_not_found", answer.path("error.code"));
    }

    @Test
    void aSingleResponseNeedsAServerToken() throws Exception {
        var client = given().header("Authorization", "Bearer " + token("read cancel", List.of("c-1")))
                .get("/v1/responses/{rid}", "resp_unknown").then().extract();
        String serverToken = "Bearer " + token("read", List.of("*"));
        var server = onceQueryable(() -> given().header("Authorization", serverToken)
                .get("/v1/responses/{rid}", "resp_unknown").then().extract());

        assertEquals(403, client.statusCode());
        assertEquals(404, server.statusCode(), server.asString());
    }

    @Test
    void aResponseOfAConversationIsReadWithThatConversationsToken() throws Exception {
        String reader = "Bearer " + token("read", List.of("c-own"));

        var own = onceQueryable(() -> given().header("Authorization", reader)
                .get("/v1/conversations/{cid}/responses/{rid}", "c-own", "resp_unknown").then().extract());
        var other = given().header("Authorization", reader)
                .get("/v1/conversations/{cid}/responses/{rid}", "c-other", "resp_unknown").then().extract();

        assertEquals(404, own.statusCode(), own.asString());
        assertEquals(403, other.statusCode());
    }
}
