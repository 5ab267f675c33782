package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseClaimTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aClaimRoundTripsAsSnakeCaseJson() {
        var claim = new ResponseClaim("c1", "key:gateway-a", AT);

        String json = new String(claim.write(), StandardCharsets.UTF_8);

        assertEquals("{\"conversation_id\":\"c1\",\"owner\":\"key:gateway-a\",\"claimed_at\":\"2026-01-02T03:04:05Z\"}", json);
        assertEquals(claim, ResponseClaim.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHolderIsConversationAndOwnerNotTheTime() {
        var claim = new ResponseClaim("c1", "key:a", AT);

        assertTrue(claim.sameHolder(new ResponseClaim("c1", "key:a", AT.plusSeconds(5))));
        assertFalse(claim.sameHolder(new ResponseClaim("c2", "key:a", AT)));
        assertFalse(claim.sameHolder(new ResponseClaim("c1", "key:b", AT)));
    }

    @Test
    void aValueWithoutTheFieldsIsMalformed() {
        assertThrows(MalformedEventException.class, () -> ResponseClaim.read("{\"owner\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> ResponseClaim.read("nope".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> ResponseClaim.read(null));
    }
}
