package tokenstream.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;

/** Ingest takes credentials from Authorization only; a token in a URL is refused, never used or ignored. */
@QuarkusTest
@TestProfile(SecuredIngestProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class QueryTokenTest {

    @Test
    void aStartWithATokenInTheQueryStringIs401SayingToUseTheHeader() {
        String cid = newConversation("query-token");
        String token = TestTokens.sign("backend", "produce", List.of(cid));

        var answer = given().contentType(ContentType.JSON).body("{\"prompt\":\"hi\"}").queryParam("access_token", token)
                .post("/v1/conversations/{cid}/responses", cid).then().extract();

        assertEquals(401, answer.statusCode(), answer.asString());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
        assertTrue(answer.<String>path("error.message").contains("Authorization: Bearer"), answer.asString());
        assertTrue(ChunksTopic.conversation(cid).isEmpty());
    }

    @Test
    void aPushWithATokenInTheQueryStringIs401EvenWithAValidHeader() {
        String cid = newConversation("query-token");

        var answer = given().contentType("application/x-ndjson").header("Authorization", "Bearer " + SecuredIngestProfile.GATEWAY_A)
                .queryParam("access_token", SecuredIngestProfile.GATEWAY_A)
                .body("{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", cid, "r-query").then().extract();

        assertEquals(401, answer.statusCode(), answer.asString());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
        assertTrue(ChunksTopic.conversation(cid).isEmpty());
    }

    @Test
    void aCancelWithATokenInTheQueryStringIs401() {
        String cid = newConversation("query-token");

        var answer = given().queryParam("access_token", TestTokens.sign("backend", "cancel", List.of(cid)))
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", cid, "r-query").then().extract();

        assertEquals(401, answer.statusCode(), answer.asString());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
    }
}
