package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.newConversation;

/** The relay forwards a cancel only for a token with the cancel scope on that conversation. */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CancelAuthorizationTest {

    @Test
    void aCancelWithoutATokenIs401() {
        var answer = given().post("/v1/conversations/{cid}/responses/{rid}/cancel", newConversation(), "r1").then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
    }

    @Test
    void aCancelOfAnotherConversationIs403() {
        String token = TestTokens.read(newConversation());

        var answer = given().header("Authorization", "Bearer " + token)
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", newConversation(), "r1").then().extract();

        assertEquals(403, answer.statusCode());
        assertEquals("forbidden", answer.path("error.code"));
    }

    @Test
    void aCancelWithAReadOnlyTokenIs403() {
        String cid = newConversation();
        String readOnly = TestTokens.token("user-1", "read", List.of(cid), Duration.ofMinutes(5));

        var answer = given().header("Authorization", "Bearer " + readOnly)
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", cid, "r1").then().extract();

        assertEquals(403, answer.statusCode());
    }

    @Test
    void anAuthorizedCancelIsForwarded() {
        // Ingest is unreachable in this profile: reaching the forwarding step answers 502 ingest_unavailable.
        String cid = newConversation();

        var answer = given().header("Authorization", "Bearer " + TestTokens.read(cid))
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", cid, "r1").then().extract();

        assertEquals(502, answer.statusCode());
        assertEquals("ingest_unavailable", answer.path("error.code"));
    }
}
