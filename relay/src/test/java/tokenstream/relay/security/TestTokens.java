package tokenstream.relay.security;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens as an application backend holding the shared secret would sign them. */
final class TestTokens {
    static final String SECRET = "relay-security-test-secret-0123456789abcdef";

    private TestTokens() {
    }

    static String token(String subject, String scope, List<String> conversations, Duration ttl) {
        return sign(SECRET, subject, scope, conversations, Instant.now().plus(ttl));
    }

    static String read(String conversationId) {
        return token("user-1", "read cancel", List.of(conversationId), Duration.ofMinutes(5));
    }

    static String sign(String secret, String subject, String scope, List<String> conversations, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("tokenstream");
        claims.setAudience("tokenstream");
        claims.setSubject(subject);
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setClaim("scope", scope);
        claims.setStringListClaim("conversations", conversations);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
