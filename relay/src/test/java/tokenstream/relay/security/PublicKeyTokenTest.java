package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.streamUri;
import static tokenstream.relay.RelayTestSupport.text;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

/** With only a public key configured, the external issuer's RS256 tokens open streams and HS256 tokens do not. */
@QuarkusTest
@TestProfile(PublicKeyRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PublicKeyTokenTest {

    @Test
    void anRs256TokenOpensTheStream() {
        String cid = newConversation();
        try (TestChunks writer = writer()) {
            writer.writeResponse(cid, "r1", tokens(2));
        }

        try (SseClient client = SseClient.open(streamUri(cid, "from=start"),
                Map.of("Authorization", "Bearer " + PublicKeyTestTokens.read(cid)))) {
            assertEquals(200, client.status());
            assertEquals(" tok0 tok1", text(client.until(e -> e.event().equals("response.completed"), TIMEOUT)));
        }
    }

    @Test
    void anHs256TokenIs401WithoutTheSecret() {
        String cid = newConversation();

        var answer = given().header("Authorization", "Bearer " + TestTokens.read(cid))
                .get("/v1/conversations/{cid}/stream", cid).then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
        assertEquals("the access token is not valid (bad signature, issuer, audience or format)", answer.path("error.message"));
    }
}
