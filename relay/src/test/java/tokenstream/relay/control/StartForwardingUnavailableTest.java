package tokenstream.relay.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A start forwarded to an ingest that refuses it for an unreachable Kafka tells the client when to retry. */
@QuarkusTest
@TestProfile(CancelForwarderTest.WithFakeIngest.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StartForwardingUnavailableTest {

    @Test
    void ingestsKafkaUnavailableReachesTheClientWithRetryAfter() {
        var answer = given().contentType(ContentType.JSON).body("{\"prompt\":\"hi\"}")
                .post("/v1/conversations/{cid}/responses", "conv-1").then().extract();

        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("kafka_unavailable", answer.path("error.code"));
        assertEquals("3", answer.header("Retry-After"));
    }
}
