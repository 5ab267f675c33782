package tokenstream.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.security.ProducerAuthenticationTest.STARTED;
import static tokenstream.ingest.security.ProducerAuthenticationTest.delta;
import static tokenstream.ingest.security.ProducerAuthenticationTest.push;
import static tokenstream.ingest.security.ProducerAuthenticationTest.start;

/** Limits of this profile: prompts of 100 characters, responses of 5 events. */
@QuarkusTest
@TestProfile(SecuredIngestProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class IngestLimitsTest {

    @Test
    void aPromptAboveTheLimitIs413AndStartsNothing() {
        String cid = newConversation("long-prompt");

        var answer = start(cid, "Bearer " + SecuredIngestProfile.GATEWAY_A,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(60) + "\"},"
                        + "{\"role\":\"user\",\"content\":\"" + "y".repeat(41) + "\"}]}");

        assertEquals(413, answer.statusCode());
        assertEquals("prompt_too_large", answer.path("error.code"));
        assertEquals(100, (int) answer.path("error.limit"));
        assertTrue(ChunksTopic.conversation(cid).isEmpty());
    }

    @Test
    void aPushedEventBeyondTheEventsPerResponseIs413AndTheEventsBeforeItAreWritten() {
        String cid = newConversation("many-events");

        var answer = push(cid, "resp-many", SecuredIngestProfile.GATEWAY_A, STARTED, delta(1), delta(2), delta(3),
                delta(4), delta(5), delta(6));

        assertEquals(413, answer.statusCode(), answer.asString());
        assertEquals("too_many_events", answer.path("error.code"));
        assertEquals(6, (int) answer.path("error.line"));
        assertEquals(5, (int) answer.path("error.accepted"));
        assertEquals(4, (int) answer.path("error.last_seq"));
        assertEquals(5, ChunksTopic.conversationUntil(cid, r -> r.size() >= 5).size());
    }

    @Test
    void noCredentialAppearsInTheLog() throws Exception {
        String cid = newConversation("log");
        var started = start(cid, "Bearer " + SecuredIngestProfile.GATEWAY_A, "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":1}}");
        start(cid, "Bearer " + SecuredIngestProfile.GATEWAY_B.replace('a', 'b') + "-wrong", "{\"prompt\":\"hi\"}");
        String token = started.path("access_token");

        String log = Files.readString(Path.of(SecuredIngestProfile.LOG_FILE));

        assertTrue(log.contains("tokenstream-ingest"), "the log was written");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "the issued token is logged");
        assertFalse(log.contains(SecuredIngestProfile.GATEWAY_A), "an API key is logged");
        assertFalse(log.contains(SecuredIngestProfile.GATEWAY_B), "an API key is logged");
    }
}
