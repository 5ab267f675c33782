package tokenstream.ingest.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(UnreachableKafkaProfile.class)
class KafkaUnreachableReadinessTest {

    @Test
    void notReadyWhileNoBrokerAnswersAndTheCheckSaysWhere() {
        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.data.bootstrap-servers",
                        equalTo(UnreachableKafkaProfile.DEAD_BOOTSTRAP));
    }

    @Test
    void stillLiveBecauseARestartWouldNotBringKafkaBack() {
        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }
}
