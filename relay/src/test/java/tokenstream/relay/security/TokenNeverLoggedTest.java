package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;

/** Tokens in query strings (EventSource) must not end up in the log, whatever the answer. */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TokenNeverLoggedTest {

    @Test
    void noLogLineContainsATokenSentInTheQueryString() throws Exception {
        String cid = newConversation();
        String valid = TestTokens.token("user-1", "read", List.of(cid), Duration.ofSeconds(2));
        String expired = TestTokens.sign(TestTokens.SECRET, "user-1", "read", List.of(cid), Instant.now().minusSeconds(60));
        String forOther = TestTokens.read(newConversation());
        String tampered = valid.substring(0, valid.length() - 4) + "AAAA";
        String otherwiseBad = TestTokens.read(cid);
        try (SseClient client = open(cid, "access_token=" + valid)) {
            assertEquals(200, client.status());
            // Let the token expire on the open stream, which is logged as nothing but an event to the client.
            client.until(e -> e.event().equals("stream.reconnect"), Duration.ofSeconds(10));
        }
        assertEquals(401, given().queryParam("access_token", expired).get("/v1/conversations/{cid}/stream", cid).statusCode());
        assertEquals(403, given().queryParam("access_token", forOther).get("/v1/conversations/{cid}/stream", cid).statusCode());
        assertEquals(401, given().queryParam("access_token", tampered).get("/v1/conversations/{cid}/stream", cid).statusCode());
        assertEquals(400, given().queryParam("access_token", otherwiseBad).queryParam("from", "not-an-id")
                .get("/v1/conversations/{cid}/stream", cid).statusCode());

        Path log = Path.of(SecuredRelayProfile.LOG_FILE);
        assertTrue(Files.size(log) > 0, "the relay wrote its log");
        String written = Files.readString(log);
        for (String token : List.of(valid, expired, forOther, tampered, otherwiseBad)) {
            // The signature part is unique to each token; no log line may hold it.
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(written.contains(signature), "a token appears in " + log);
        }
    }
}
