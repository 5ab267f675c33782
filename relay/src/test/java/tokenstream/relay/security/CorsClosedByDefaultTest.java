package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Without configuration no origin gets cross-origin access. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CorsClosedByDefaultTest {

    @Test
    void aCrossOriginPreflightGetsNoCorsHeaders() {
        var answer = given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET")
                .options("/v1/conversations/{cid}/stream", "c-1").then().extract();

        assertNull(answer.header("Access-Control-Allow-Origin"));
    }
}
