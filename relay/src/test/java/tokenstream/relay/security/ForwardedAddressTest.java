package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.streamUri;

/**
 * Behind a trusted proxy the per-address stream limit (1 here) counts the client addresses the proxy forwards, not the
 * proxy's own: two clients of one proxy each get their stream.
 */
@QuarkusTest
@TestProfile(ForwardedAddressProfiles.TrustedProxy.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ForwardedAddressTest {

    @Test
    void twoForwardedClientAddressesAreCountedSeparately() {
        String cid = newConversation();
        try (SseClient first = open(cid, "203.0.113.1"); SseClient second = open(cid, "203.0.113.2")) {
            assertEquals(200, first.status());
            assertEquals(200, second.status());
        }
    }

    @Test
    void oneForwardedClientAddressIsLimited() {
        String cid = newConversation();
        try (SseClient first = open(cid, "203.0.113.3"); SseClient second = open(cid, "203.0.113.3")) {
            assertEquals(200, first.status());
            assertEquals(429, second.status());
        }
    }

    static SseClient open(String cid, String forwardedFor) {
        return SseClient.open(streamUri(cid, null), Map.of("Authorization", "Bearer " + TestTokens.read(cid),
                "X-Forwarded-For", forwardedFor));
    }
}
