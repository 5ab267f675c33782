package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.Usage;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.ids;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.streamUri;
import static tokenstream.relay.RelayTestSupport.text;
import static tokenstream.relay.RelayTestSupport.writer;

/** A stream ends when its token expires; the client comes back with a fresh token and loses nothing. */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TokenExpiryTest {

    @Test
    void aStreamClosesAtItsTokensExpiryAndResumesWithAFreshTokenWithoutLoss() {
        String cid = newConversation();
        List<SseEvent> seen = new ArrayList<>();
        try (TestChunks writer = writer()) {
            writer.write(new ChunkEvent.ResponseStarted(cid, "r1", 0, Instant.now(), "test-model", null));
            writer.write(new ChunkEvent.TextDelta(cid, "r1", 1, Instant.now(), " a"));
            writer.write(new ChunkEvent.TextDelta(cid, "r1", 2, Instant.now(), " b"));
            String shortLived = TestTokens.token("user-1", "read", List.of(cid), Duration.ofSeconds(3));
            long opened = System.currentTimeMillis();

            try (SseClient first = open(cid, "from=start&access_token=" + shortLived)) {
                List<SseEvent> events = first.until(e -> e.event().equals("stream.reconnect"), Duration.ofSeconds(10));
                SseEvent reconnect = events.remove(events.size() - 1);
                seen.addAll(events);
                assertEquals("token_expired", reconnect.json().get("code").asText());
                assertEquals(events.get(events.size() - 1).id(), reconnect.json().get("last_event_id").asText());
                assertTrue(System.currentTimeMillis() - opened < 5_000, "closed near the expiry");
                assertTrue(first.next(Duration.ofSeconds(2)) == null && first.ended(), "the stream ended");
            }
            // Written while the client holds no stream.
            writer.write(new ChunkEvent.TextDelta(cid, "r1", 3, Instant.now(), " c"));
            writer.write(new ChunkEvent.ResponseCompleted(cid, "r1", 4, Instant.now(), "stop", Usage.of(1, 3)));
        }

        String fresh = TestTokens.token("user-1", "read", List.of(cid), Duration.ofMinutes(5));
        try (SseClient resumed = SseClient.open(streamUri(cid, "access_token=" + fresh),
                Map.of("Last-Event-ID", seen.get(seen.size() - 1).id()))) {
            seen.addAll(resumed.until(e -> e.event().equals("response.completed"), TIMEOUT));
        }

        assertEquals(" a b c", text(seen));
        assertEquals(5, seen.size());
        assertEquals(seen.size(), ids(seen).stream().distinct().count(), "no event twice");
    }
}
