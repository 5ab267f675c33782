package tokenstream.relay.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forwarded addresses on without trusted proxies would let any client choose the address the limits count. */
class ProxyTrustTest {

    @Test
    void forwardingWithoutTrustedProxiesStopsTheStart() {
        var refused = assertThrows(IllegalStateException.class, () -> ProxyTrust.check(true, Optional.empty()));

        assertTrue(refused.getMessage().contains("quarkus.http.proxy.trusted-proxies"), refused.getMessage());
    }

    @Test
    void forwardingWithTrustedProxiesOrNoForwardingStarts() {
        assertDoesNotThrow(() -> ProxyTrust.check(true, Optional.of(List.of("10.0.0.5"))));
        assertDoesNotThrow(() -> ProxyTrust.check(false, Optional.empty()));
    }
}
