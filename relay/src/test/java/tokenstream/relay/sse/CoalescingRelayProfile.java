package tokenstream.relay.sse;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A relay whose coalescing window is far longer than a test's writes take, so which events share a write does
 * not depend on how fast the machine is.
 */
public class CoalescingRelayProfile implements QuarkusTestProfile {
    static final long WINDOW_MILLIS = 3000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.relay.write-coalescing-window", WINDOW_MILLIS + "ms");
    }
}
