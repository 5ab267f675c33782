package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.text;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

/** One token holds at most max-streams-per-token streams (2 in this profile); the ones it holds keep going. */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StreamLimitsTest {

    @Test
    void aThirdStreamWithTheSameTokenIs429WithRetryAfterAndTheOpenStreamsLoseNothing() {
        String cid = newConversation();
        String token = TestTokens.read(cid);
        try (SseClient one = open(cid, "access_token=" + token); SseClient two = open(cid, "access_token=" + token)) {
            assertEquals(200, one.status());
            assertEquals(200, two.status());

            var refused = given().queryParam("access_token", token).get("/v1/conversations/{cid}/stream", cid)
                    .then().extract();

            assertEquals(429, refused.statusCode());
            assertEquals("too_many_streams", refused.path("error.code"));
            assertEquals("5", refused.header("Retry-After"));
            try (TestChunks writer = writer()) {
                writer.writeResponse(cid, "r1", tokens(2));
            }
            assertEquals(" tok0 tok1", text(one.until(e -> e.event().equals("response.completed"), TIMEOUT)));
            assertEquals(" tok0 tok1", text(two.until(e -> e.event().equals("response.completed"), TIMEOUT)));
        }
    }

    @Test
    void aClosedStreamGivesItsSlotBack() throws Exception {
        String cid = newConversation();
        String token = TestTokens.read(cid);
        try (SseClient one = open(cid, "access_token=" + token); SseClient two = open(cid, "access_token=" + token)) {
            assertEquals(200, two.status());
            one.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                Thread.sleep(100);
                try (SseClient three = open(cid, "access_token=" + token)) {
                    status = three.status();
                }
            } while (status != 200 && System.nanoTime() < deadline);

            assertEquals(200, status);
        }
    }
}
