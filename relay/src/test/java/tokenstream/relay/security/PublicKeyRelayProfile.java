package tokenstream.relay.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The relay verifying an external issuer's RS256 tokens: a public key file and no HS256 secret at all. */
public class PublicKeyRelayProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-public-keys-file", PublicKeyTestTokens.publicKeyFile().toString(),
                "tokenstream.relay.ingest-url", "http://127.0.0.1:9");
    }
}
