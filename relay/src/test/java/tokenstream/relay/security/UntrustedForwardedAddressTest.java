package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.newConversation;

/**
 * X-Forwarded-For from a client that is not the trusted proxy is ignored: a client cannot escape the per-address stream
 * limit (1 here) by claiming other addresses.
 */
@QuarkusTest
@TestProfile(ForwardedAddressProfiles.UntrustedClient.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UntrustedForwardedAddressTest {

    @Test
    void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
        String cid = newConversation();
        try (SseClient first = ForwardedAddressTest.open(cid, "203.0.113.1");
             SseClient second = ForwardedAddressTest.open(cid, "203.0.113.2")) {
            assertEquals(200, first.status());
            assertEquals(429, second.status());
        }
    }
}
