package tokenstream.ingest.demo;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Tokens as the relay signs them for anonymous demo starts (and, for contrast, a producer's). */
final class DemoTokens {
    private DemoTokens() {
    }

    /** What the relay forwards with an anonymous demo start: only the demo grant, on one conversation. */
    static String demo(String conversationId) {
        return sign("relay-demo", "demo", conversationId);
    }

    static String sign(String subject, String scope, String conversationId) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("tokenstream");
            claims.setAudience("tokenstream");
            claims.setSubject(subject);
            claims.setExpirationTime(NumericDate.fromMilliseconds(Instant.now().plusSeconds(60).toEpochMilli()));
            claims.setClaim("scope", scope);
            claims.setStringListClaim("conversations", List.of(conversationId));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(new HmacKey(DemoProfile.SECRET.getBytes(StandardCharsets.UTF_8)));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
