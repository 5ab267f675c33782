package tokenstream.ingest.generation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.post;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.untilEnd;

/** A wall-clock maximum per generation, small here so it is reached quickly. */
@QuarkusTest
@TestProfile(MaxGenerationDurationTest.ShortGenerations.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class MaxGenerationDurationTest {
    public static class ShortGenerations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The stall watchdog must not be what ends the generation of the first test.
            return Map.of("tokenstream.ingest.max-generation-duration", "2s",
                    "tokenstream.ingest.stall-timeout", "60s");
        }
    }

    @Test
    void aGenerationStillRunningAtTheMaximumDurationFailsWithMaxDuration() {
        String conversation = newConversation("max-duration");
        // Plans 0.1 s of output, then goes silent: only the maximum duration can end it within the test.
        String responseId = start(conversation,
                "{\"prompt\":\"slow\",\"options\":{\"max_tokens\":10,\"tokens_per_second\":100,\"simulate\":{\"stall_after_tokens\":2}}}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals(FailureCodes.MAX_DURATION, failed.code());
        Duration ran = Duration.between(events.get(0).timestamp(), failed.timestamp());
        assertTrue(ran.compareTo(Duration.ofSeconds(2)) >= 0 && ran.compareTo(Duration.ofSeconds(10)) < 0, "ran " + ran);
        assertEquals(List.of(0L, 1L, 2L, 3L), events.stream().map(ChunkEvent::seq).toList(),
                "two tokens, then the end; nothing after it");
    }

    @Test
    void aStartWhosePlannedPaceExceedsTheMaximumDurationIsRefusedWith400() {
        var answer = post(newConversation("runaway"), "{\"prompt\":\"x\",\"options\":{\"max_tokens\":30,\"tokens_per_second\":10}}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("invalid_option", answer.path("error.code"));
        assertTrue(answer.path("error.message").toString().contains("maximum generation duration of 2 s"),
                answer.asString());
    }
}
