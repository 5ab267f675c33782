package tokenstream.ingest.faults;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static tokenstream.ingest.Generations.cancel;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.post;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.untilEnd;

/** Per-instance limits, with small values so they are reached quickly. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class LimitsTest {
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.ingest.max-concurrent-generations", "2",
                    "tokenstream.ingest.max-response-bytes", "400",
                    "tokenstream.ingest.stall-timeout", "60s");
        }
    }

    /** Holds its slot until cancelled: a silent upstream, and the stall timeout of this profile is long. */
    private static final String SLOW = "{\"prompt\":\"slow\",\"options\":{\"simulate\":{\"stall_after_tokens\":0}}}";

    @Test
    void aStartAboveTheConcurrencyLimitIs429WithRetryAfterAndASlotFreesWhenOneEnds() {
        String first = newConversation("admit-1");
        String firstResponse = start(first, SLOW);
        String second = newConversation("admit-2");
        String secondResponse = start(second, SLOW);
        try {
            var refused = post(newConversation("admit-3"), SLOW);

            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("too_many_generations", refused.path("error.code"));
            assertEquals("1", refused.header("Retry-After"));
            assertEquals(200, cancel(first, firstResponse, null).statusCode());
            untilEnd(first, firstResponse);
            String fourth = newConversation("admit-4");
            untilEnd(fourth, start(fourth, "{\"prompt\":\"x\",\"options\":{\"max_tokens\":1}}"));
        } finally {
            // Leave the slots free for the other tests of this profile.
            cancel(second, secondResponse, null);
            untilEnd(second, secondResponse);
        }
    }

    @Test
    void aResponseGrowingBeyondTheMaximumResponseSizeFailsWithOutputTooLarge() {
        String conversation = newConversation("too-large");
        String responseId = start(conversation, "{\"prompt\":\"long\",\"options\":{\"max_tokens\":500,\"tokens_per_second\":1000}}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("output_too_large", failed.code());
        assertEquals(true, tokenstream.ingest.Generations.text(events).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 400);
    }
}
