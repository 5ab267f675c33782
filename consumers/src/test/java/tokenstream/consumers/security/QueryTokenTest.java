package tokenstream.consumers.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit API takes its token from Authorization only: one in the query string is refused, even with the header. */
@QuarkusTest
@TestProfile(ReadAccessTest.Secured.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class QueryTokenTest {

    @Test
    void aTranscriptWithATokenInTheQueryStringIs401() throws Exception {
        String token = ReadAccessTest.token("read", List.of("c-1"));

        var answer = given().header("Authorization", "Bearer " + token).queryParam("access_token", token)
                .get("/v1/conversations/{cid}/transcript", "c-1").then().extract();

        assertEquals(401, answer.statusCode(), answer.asString());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
    }
}
