package tokenstream.relay.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The relay's cancel endpoint forwards to ingest (here a stand-in) and relays ingest's answer unchanged. */
@QuarkusTest
@TestProfile(CancelForwarderTest.WithFakeIngest.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CancelForwarderTest {
    public static class WithFakeIngest implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIngest.class));
        }
    }

    @Test
    void forwardsTheCancelWithItsBodyAndRelaysIngestsStatusAndBody() throws Exception {
        FakeIngest.RECEIVED.clear();

        var answer = given().contentType(ContentType.JSON).body("{\"reason\":\"user\"}")
                .post("/v1/conversations/{cid}/responses/{rid}/cancel", "conv-1", "r1").then().extract();

        assertEquals(new FakeIngest.Received("POST", "/v1/conversations/conv-1/responses/r1/cancel", "{\"reason\":\"user\"}"),
                FakeIngest.RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals(409, answer.statusCode());
        assertEquals("response_ended", answer.path("error.code"));
    }

    @Test
    void aMalformedResponseIdIs400AndNeverReachesIngest() {
        FakeIngest.RECEIVED.clear();

        var answer = given().post("/v1/conversations/{cid}/responses/{rid}/cancel", "conv-1", "bad id!").then().extract();

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_response_id", answer.path("error.code"));
        assertEquals(0, FakeIngest.RECEIVED.size());
    }
}
