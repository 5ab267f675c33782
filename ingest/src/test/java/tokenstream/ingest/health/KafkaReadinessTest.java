package tokenstream.ingest.health;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KafkaReadinessTest {

    @Test
    void readyWhileTheBrokerAnswers() {
        awaitReady().body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1))
                .body("checks.name", hasItem("kafka"));
    }

    // Ready also waits for the response-owners topic to be read, which takes a moment after the start.
    private static ValidatableResponse awaitReady() {
        return await("readiness UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().when().get("/q/health/ready").then(), answer -> answer.extract().statusCode() == 200)
                .statusCode(200);
    }
}
