package tokenstream.relay.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/** The relay behind a reverse proxy, one stream per client address, and the proxy either this machine or elsewhere. */
final class ForwardedAddressProfiles {
    private ForwardedAddressProfiles() {
    }

    static Map<String, String> behindProxyAt(String trustedProxies) {
        Map<String, String> config = new HashMap<>();
        config.put("tokenstream.security.enabled", "true");
        config.put("tokenstream.security.jwt-secret", TestTokens.SECRET);
        config.put("tokenstream.security.max-streams-per-address", "1");
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        config.put("quarkus.http.proxy.trusted-proxies", trustedProxies);
        return config;
    }

    /** The proxy is this machine, where the tests connect from. */
    public static class TrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return behindProxyAt("127.0.0.0/8,::1/128");
        }
    }

    /** The proxy is another host (a documentation address nothing is sent to): the tests are untrusted clients. */
    public static class UntrustedClient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return behindProxyAt("192.0.2.10");
        }
    }
}
