package tokenstream.ingest.demo;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Ingest with security on and small demo terms: 2 open demo generations, each 100 tokens at 5 a second (20 s). */
public class DemoProfile implements QuarkusTestProfile {
    static final String SECRET = "ingest-demo-test-secret-0123456789abcdef0123";
    static final String OPERATOR_KEY = "key-ops-3e8a1b7c55";
    static final int MAX_OPEN = 2;
    static final int MAX_TOKENS = 100;
    static final double TOKENS_PER_SECOND = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-secret", SECRET,
                "tokenstream.security.producer-api-keys", "ops:" + OPERATOR_KEY,
                "tokenstream.security.issue-client-tokens", "true",
                "tokenstream.demo.max-open-generations", String.valueOf(MAX_OPEN),
                "tokenstream.demo.max-tokens", String.valueOf(MAX_TOKENS),
                "tokenstream.demo.tokens-per-second", String.valueOf(TOKENS_PER_SECOND));
    }
}
