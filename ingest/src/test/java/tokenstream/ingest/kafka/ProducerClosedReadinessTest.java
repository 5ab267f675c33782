package tokenstream.ingest.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** An instance whose chunk producer is closed can write nothing, so it is not ready, and says why. */
@QuarkusTest
@TestProfile(ProducerClosedReadinessTest.OwnInstance.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ProducerClosedReadinessTest {
    /** Its own application: this test breaks the producer of the instance it runs in. */
    public static class OwnInstance implements QuarkusTestProfile {
    }

    @Inject
    ChunkWriter writer;

    @Test
    void readinessIsDownWithTheReasonOnceTheChunkProducerIsClosed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'chunk-producer' }.status", equalTo("UP"));

        writer.close();

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'chunk-producer' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'chunk-producer' }.data.reason", containsString("closed"));
    }
}
