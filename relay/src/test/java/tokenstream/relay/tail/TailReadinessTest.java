package tokenstream.relay.tail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay whose shared tail stopped polling delivers nothing new to anyone, so it is not ready, and says why; with
 * its poll thread gone it is not live either.
 */
@QuarkusTest
@TestProfile(TailReadinessTest.OwnInstance.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TailReadinessTest {
    /** Its own application: this test stops the tail of the instance it runs in. */
    public static class OwnInstance implements QuarkusTestProfile {
    }

    @Inject
    ChunkTail tail;

    @Test
    void readinessAndLivenessAreDownWithTheReasonOnceThePollThreadStops() throws Exception {
        assertTrue(tail.awaitReady(Duration.ofSeconds(30)));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'chunk-tail' }.status", equalTo("UP"));

        // The poll loop ends as it would if its thread died.
        tail.onStop(null);

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'chunk-tail' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'chunk-tail' }.data.reason", containsString("stopped"));
        // Nothing restarts a dead poll thread but a restart of the instance.
        given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'chunk-tail' }.status", equalTo("DOWN"));
    }
}
