package tokenstream.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ResponseClaim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.security.ProducerAuthenticationTest.STARTED;
import static tokenstream.ingest.security.ProducerAuthenticationTest.delta;
import static tokenstream.ingest.security.ProducerAuthenticationTest.push;

/** A response id belongs to one conversation and one producer, as the response-owners topic records it. */
@QuarkusTest
@TestProfile(SecuredIngestProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ResponseOwnershipTest {

    private static String newResponse() {
        return "resp-own-" + UUID.randomUUID();
    }

    @Test
    void aPushIntoAnotherConversationUnderAnOwnedResponseIdIs409AndWritesNothing() {
        String a = newConversation("own-a");
        String b = newConversation("own-b");
        String rid = newResponse();
        assertEquals(200, push(a, rid, SecuredIngestProfile.GATEWAY_A, STARTED).statusCode());

        var refused = push(b, rid, SecuredIngestProfile.GATEWAY_B, STARTED, delta(1));

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("response_id_taken", refused.path("error.code"));
        assertTrue(!refused.asString().contains(a), "the other conversation is not named: " + refused.asString());
        assertTrue(ChunksTopic.conversation(b).isEmpty());
    }

    @Test
    void theSameProducerCannotReuseItsResponseIdInAnotherConversationEither() {
        String rid = newResponse();
        assertEquals(200, push(newConversation("own-same-1"), rid, SecuredIngestProfile.GATEWAY_A, STARTED).statusCode());

        var refused = push(newConversation("own-same-2"), rid, SecuredIngestProfile.GATEWAY_A, STARTED);

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("response_id_taken", refused.path("error.code"));
    }

    @Test
    void theFirstPushClaimsTheIdOnTheTopicWithConversationAndProducer() {
        String cid = newConversation("own-claim");
        String rid = newResponse();

        assertEquals(200, push(cid, rid, SecuredIngestProfile.GATEWAY_A, STARTED, delta(1)).statusCode());
        assertEquals(200, push(cid, rid, SecuredIngestProfile.GATEWAY_A, delta(2)).statusCode());

        List<ResponseClaim> claims = OwnersTopic.claims(rid);
        assertEquals(1, claims.size(), claims.toString());
        assertEquals(cid, claims.get(0).conversationId());
        assertEquals("key:gateway-a", claims.get(0).owner());
    }

    @Test
    void anEmptyPushDoesNotReserveAnId() {
        String rid = newResponse();
        var empty = given().contentType("application/x-ndjson")
                .header("Authorization", "Bearer " + SecuredIngestProfile.GATEWAY_B)
                .body("\n\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", newConversation("own-empty"), rid)
                .then().extract();
        assertEquals(200, empty.statusCode(), empty.asString());

        var owner = push(newConversation("own-after-empty"), rid, SecuredIngestProfile.GATEWAY_A, STARTED);

        assertEquals(200, owner.statusCode(), owner.asString());
        assertEquals(List.of("key:gateway-a"), OwnersTopic.claims(rid).stream().map(ResponseClaim::owner).toList());
    }

    @Test
    void aPushWhoseFirstLineIsInvalidDoesNotReserveAnId() {
        String rid = newResponse();
        var malformed = push(newConversation("own-bad"), rid, SecuredIngestProfile.GATEWAY_B, "{not json", STARTED);
        var notAStart = push(newConversation("own-bad"), rid, SecuredIngestProfile.GATEWAY_B, delta(1));
        assertEquals(400, malformed.statusCode(), malformed.asString());
        assertEquals(409, notAStart.statusCode(), notAStart.asString());
        assertEquals("seq_gap", notAStart.path("error.code"));

        var owner = push(newConversation("own-after-bad"), rid, SecuredIngestProfile.GATEWAY_A, STARTED);

        assertEquals(200, owner.statusCode(), owner.asString());
        assertEquals(List.of(), OwnersTopic.claims(rid).stream().filter(c -> c.owner().equals("key:gateway-b")).toList());
    }

    @Test
    void aClaimAnotherInstanceWroteIsHonouredHere() {
        String rid = newResponse();
        OwnersTopic.send(rid, new ResponseClaim("elsewhere", "key:gateway-a", Instant.now()));

        var refused = await("the claim read from the owners topic").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> push(newConversation("own-remote"), rid, SecuredIngestProfile.GATEWAY_A, STARTED),
                        answer -> answer.statusCode() == 409);

        assertEquals("response_id_taken", refused.path("error.code"));
    }

    @Test
    void concurrentFirstPushesOfOneIdFromTwoConversationsLeaveOneOwnerWhoseClaimIsTheLastRecord() {
        for (int round = 0; round < 5; round++) {
            String rid = newResponse();
            String a = newConversation("race-a");
            String b = newConversation("race-b");
            var fromA = CompletableFuture.supplyAsync(() -> push(a, rid, SecuredIngestProfile.GATEWAY_A, STARTED));
            var fromB = CompletableFuture.supplyAsync(() -> push(b, rid, SecuredIngestProfile.GATEWAY_B, STARTED));

            List<Integer> statuses = new ArrayList<>(List.of(fromA.join().statusCode(), fromB.join().statusCode()));
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses, "round " + round);
            String winner = fromA.join().statusCode() == 200 ? a : b;
            List<ResponseClaim> claims = await("the winner's claim last on the owners topic").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> OwnersTopic.claims(rid),
                            found -> !found.isEmpty() && found.get(found.size() - 1).conversationId().equals(winner));
            assertEquals(winner, claims.get(0).conversationId(), "the first claim owns: " + claims);
        }
    }

    @Test
    void aLosingClaimLeftLastByACrashedInstanceIsFollowedByTheOwnersClaim() {
        String rid = newResponse();
        ResponseClaim owner = new ResponseClaim("crash-owner", "key:gateway-a", Instant.now());
        OwnersTopic.send(rid, owner);
        OwnersTopic.send(rid, new ResponseClaim("crash-loser", "key:gateway-b", Instant.now()));

        List<ResponseClaim> claims = await("the owner's claim repeated after the loser's").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> OwnersTopic.claims(rid),
                        found -> found.size() >= 3 && found.get(found.size() - 1).equals(owner));

        assertEquals(owner, claims.get(claims.size() - 1));
    }

    @Test
    void readinessWaitsForTheOwnersTopicAndSaysSo() {
        var ready = await("readiness UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/health/ready").then().extract(), answer -> answer.statusCode() == 200);

        assertEquals("UP", ready.path("checks.find { it.name == 'response-owners' }.status"));
        assertTrue(ready.path("checks.find { it.name == 'response-owners' }.data.detail").toString().startsWith("following"));
    }

}
