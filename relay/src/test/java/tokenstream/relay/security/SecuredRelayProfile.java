package tokenstream.relay.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The relay as deployed: security on, with small limits so they are reached quickly, and a log file to scan. */
public class SecuredRelayProfile implements QuarkusTestProfile {
    static final String LOG_FILE = "target/secured-relay-test.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-secret", TestTokens.SECRET,
                "tokenstream.security.max-streams-per-token", "2",
                "tokenstream.security.max-streams-per-address", "50",
                "tokenstream.relay.ingest-url", "http://127.0.0.1:9",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE);
    }
}
