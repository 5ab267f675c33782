package tokenstream.ingest.health;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.kafkalocal.KafkaBrokerTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KafkaReadinessTest {

    @Test
    void readyWhileTheBrokerAnswers() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1))
                .body("checks.name", hasItem("kafka"));
    }
}
