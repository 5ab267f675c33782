package tokenstream.relay.demo;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The relay as deployed with the demo on: security on, the default demo start count (10) over a longer window, behind a proxy on this machine
 * (so each test can come from its own forwarded address), and a stub ingest.
 */
public class DemoRelayProfile implements QuarkusTestProfile {
    static final String SECRET = "relay-demo-test-secret-0123456789abcdef012345";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-secret", SECRET,
                "tokenstream.relay.demo.enabled", "true",
                // 10 starts a window as by default, over 10 minutes: no start comes back during a test on a slow machine.
                "tokenstream.relay.demo.starts-window", "10m",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.0/8,::1/128");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StartingIngest.class));
    }
}
