package tokenstream.relay.fanout;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A relay with a tiny client queue and a tiny window, so slow clients and window misses happen quickly. */
public class SlowClientProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.relay.client-queue-capacity", "64",
                "tokenstream.relay.window-max-bytes", "60K");
    }
}
