package tokenstream.ingest.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.Topics;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control topic as a Quarkus Messaging channel: where reading starts, and what happens to poison. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ControlChannelTest {

    private static int controlPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.get().bootstrapServers()))) {
            return admin.describeTopics(List.of(Topics.CONTROL)).allTopicNames().get().get(Topics.CONTROL).partitions().size();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void readinessSaysEveryControlPartitionIsReadFromAFixedPosition() throws Exception {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        Map<String, Object> control = health.getMap("checks.find { it.name == 'control-topic' }");
        assertEquals("UP", control.get("status"));
        assertEquals(controlPartitions(), health.getInt("checks.find { it.name == 'control-topic' }.data.partitions"));
    }

    @Test
    void aDeadLetteredControlRecordNamesWhereItCameFrom() {
        String key = "poison-source-" + UUID.randomUUID();
        ControlTopic.send(Topics.CONTROL, key, "not json".getBytes(StandardCharsets.UTF_8));

        var dead = ControlTopic.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()));
        ConsumerRecord<String, byte[]> record = dead.get(dead.size() - 1);
        assertEquals("not json", new String(record.value(), StandardCharsets.UTF_8), "the record is copied as it was");
        String source = header(record, EventHeaders.DEAD_LETTER_SOURCE);
        assertTrue(source.matches("\\Q" + Topics.CONTROL + "\\E/\\d+/\\d+"), source);
        assertEquals(source, header(record, "dead-letter-topic") + "/" + header(record, "dead-letter-partition") + "/"
                + header(record, "dead-letter-offset"), "our header and the framework's agree");
        assertTrue(!header(record, EventHeaders.DEAD_LETTER_REASON).isBlank());
    }
}
