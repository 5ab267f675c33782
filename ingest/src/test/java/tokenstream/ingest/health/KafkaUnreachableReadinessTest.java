package tokenstream.ingest.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theChunkProducerCheckIsDownAndSaysWritesAreRefused() {
        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'chunk-producer' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'chunk-producer' }.data.writes", equalTo("refused"))
                .body("checks.find { it.name == 'chunk-producer' }.data.reason", containsString("unreachable"));
    }

    @Test
    void aStartFailsFastWith503KafkaUnavailableAndRetryAfter() {
        long began = System.nanoTime();
        ExtractableResponse<Response> answer = given().contentType(ContentType.JSON).body("{\"prompt\":\"hi\"}")
                .post("/v1/conversations/{cid}/responses", "conv-no-kafka").then().extract();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("kafka_unavailable", answer.path("error.code"));
        assertNotNull(answer.header("Retry-After"));
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "answered after " + took);
    }

    @Test
    void aPushFailsFastWith503KafkaUnavailableAndRetryAfter() {
        long began = System.nanoTime();
        ExtractableResponse<Response> answer = given().contentType("application/x-ndjson")
                .body("{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\"}\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", "conv-no-kafka", "resp-no-kafka").then().extract();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("kafka_unavailable", answer.path("error.code"));
        assertNotNull(answer.header("Retry-After"));
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "answered after " + took);
    }

    @Test
    void stillLiveBecauseARestartWouldNotBringKafkaBack() {
        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }
}
