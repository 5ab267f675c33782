package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.streamUri;
import static tokenstream.relay.RelayTestSupport.text;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

/** Only a token naming the conversation opens its stream, whichever way the token comes. */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StreamAuthorizationTest {

    @Test
    void aStreamWithoutATokenIs401() {
        var answer = given().get("/v1/conversations/{cid}/stream", newConversation()).then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
        assertEquals("Bearer", answer.header("WWW-Authenticate"));
    }

    @Test
    void aStreamWithAnExpiredTokenIs401() {
        String cid = newConversation();
        String expired = TestTokens.sign(TestTokens.SECRET, "user-1", "read", List.of(cid), Instant.now().minusSeconds(60));

        var answer = given().queryParam("access_token", expired).get("/v1/conversations/{cid}/stream", cid).then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
        assertEquals("the access token has expired", answer.path("error.message"));
    }

    @Test
    void aStreamWithATamperedTokenIs401() {
        String cid = newConversation();
        String other = newConversation();
        String[] parts = TestTokens.read(other).split("\\.");
        String[] forged = TestTokens.read(cid).split("\\.");
        // The claims of a token for this conversation under the signature of a token for another one.
        String tampered = parts[0] + "." + forged[1] + "." + parts[2];

        var answer = given().header("Authorization", "Bearer " + tampered).get("/v1/conversations/{cid}/stream", cid)
                .then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
    }

    @Test
    void aTokenSignedWithAnotherSecretIs401() {
        String cid = newConversation();
        String foreign = TestTokens.sign("another-secret-of-at-least-32-bytes-long!", "user-1", "read", List.of(cid),
                Instant.now().plusSeconds(300));

        var answer = given().queryParam("access_token", foreign).get("/v1/conversations/{cid}/stream", cid).then().extract();

        assertEquals(401, answer.statusCode());
    }

    @Test
    void aTokenForAnotherConversationIs403() {
        String cid = newConversation();

        var answer = given().header("Authorization", "Bearer " + TestTokens.read(newConversation()))
                .get("/v1/conversations/{cid}/stream", cid).then().extract();

        assertEquals(403, answer.statusCode());
        assertEquals("forbidden", answer.path("error.code"));
    }

    @Test
    void aTokenWithoutTheReadScopeIs403() {
        String cid = newConversation();
        String cancelOnly = TestTokens.token("user-1", "cancel", List.of(cid), Duration.ofMinutes(5));

        var answer = given().queryParam("access_token", cancelOnly).get("/v1/conversations/{cid}/stream", cid)
                .then().extract();

        assertEquals(403, answer.statusCode());
    }

    @Test
    void aTokenInTheQueryStringOpensTheStream() {
        String cid = newConversation();
        try (TestChunks writer = writer()) {
            writer.writeResponse(cid, "r1", tokens(3));
        }

        try (SseClient client = open(cid, "from=start&access_token=" + TestTokens.read(cid))) {
            assertEquals(200, client.status());
            assertEquals(" tok0 tok1 tok2", text(client.until(e -> e.event().equals("response.completed"), TIMEOUT)));
        }
    }

    @Test
    void aTokenInTheCookieOpensTheStream() {
        String cid = newConversation();
        try (TestChunks writer = writer()) {
            writer.writeResponse(cid, "r1", tokens(2));
        }

        try (SseClient client = SseClient.open(streamUri(cid, "from=start"),
                Map.of("Cookie", "tokenstream_token=" + TestTokens.read(cid)))) {
            assertEquals(200, client.status());
            assertEquals(" tok0 tok1", text(client.until(e -> e.event().equals("response.completed"), TIMEOUT)));
        }
    }

    @Test
    void aWildcardServerTokenReadsAnyConversation() {
        String cid = newConversation();
        String server = TestTokens.token("audit", "read", List.of("*"), Duration.ofMinutes(5));
        try (TestChunks writer = writer()) {
            writer.writeResponse(cid, "r1", tokens(1));
        }

        try (SseClient client = SseClient.open(streamUri(cid, "from=start"), Map.of("Authorization", "Bearer " + server))) {
            assertEquals(200, client.status());
            assertEquals(" tok0", text(client.until(e -> e.event().equals("response.completed"), TIMEOUT)));
        }
    }
}
