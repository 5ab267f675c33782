package tokenstream.ingest.topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.kafkalocal.SharedKafka;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(FreshTopicsProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TopicsAtStartupTest {

    @Test
    void startingTheServiceCreatedTheMissingTopicsWithTheConfiguredLayout() throws Exception {
        try (var admin = SharedKafka.get().admin()) {
            var names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            assertTrue(names.containsAll(List.of(FreshTopicsProfile.CHUNKS, FreshTopicsProfile.RESPONSES,
                    FreshTopicsProfile.CONTROL, FreshTopicsProfile.DEAD_LETTER, FreshTopicsProfile.RESPONSE_OWNERS)),
                    names.toString());
            var chunks = admin.describeTopics(List.of(FreshTopicsProfile.CHUNKS)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(FreshTopicsProfile.CHUNKS);
            assertEquals(3, chunks.partitions().size());
            var responses = new ConfigResource(ConfigResource.Type.TOPIC, FreshTopicsProfile.RESPONSES);
            assertEquals("compact", admin.describeConfigs(List.of(responses)).all().get(20, TimeUnit.SECONDS)
                    .get(responses).get("cleanup.policy").value());
        }
    }
}
