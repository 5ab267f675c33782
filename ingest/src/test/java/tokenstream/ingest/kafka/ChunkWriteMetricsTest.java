package tokenstream.ingest.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator reads at /q/metrics about ingest's writes to the chunks topic. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ChunkWriteMetricsTest {

    @Test
    void acknowledgedWritesAreCountedWithTheirLatencyAndTheProducersOwnMetricsAreExported() {
        double before = sample(metrics(), "tokenstream_ingest_chunk_write_seconds_count");
        var answer = given().contentType(ContentType.JSON)
                .body("{\"prompt\":\"metrics\",\"options\":{\"max_tokens\":3,\"tokens_per_second\":500}}")
                .post("/v1/conversations/{cid}/responses", "conv-metrics-" + UUID.randomUUID()).then().extract();
        assertEquals(202, answer.statusCode(), answer.asString());

        String text = metrics();
        assertTrue(sample(text, "tokenstream_ingest_chunk_write_seconds_count") > before,
                "the response.started write was acknowledged and timed");
        assertTrue(text.contains("tokenstream_ingest_chunk_write_failures_total"), "failures are exported (zero here)");
        assertTrue(text.contains("kafka_producer_record_send_total"), "the producer's client metrics are bound");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double sample(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : 0;
    }
}
