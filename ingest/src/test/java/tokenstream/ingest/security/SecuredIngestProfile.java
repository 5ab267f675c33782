package tokenstream.ingest.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Ingest as deployed: security on, two gateways with API keys, client tokens issued, small limits, a log file. */
public class SecuredIngestProfile implements QuarkusTestProfile {
    static final String SECRET = "ingest-security-test-secret-0123456789abcdef";
    static final String GATEWAY_A = "key-a-5d1f0c2b9e";
    static final String GATEWAY_B = "key-b-77c0e1aa42";
    static final String LOG_FILE = "target/secured-ingest-test.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-secret", SECRET,
                "tokenstream.security.producer-api-keys", "gateway-a:" + GATEWAY_A + ",gateway-b:" + GATEWAY_B,
                "tokenstream.security.issue-client-tokens", "true",
                "tokenstream.security.client-token-ttl", "10m",
                "tokenstream.security.max-prompt-chars", "100",
                "tokenstream.security.max-events-per-response", "5",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE);
    }
}
