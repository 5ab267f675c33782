package tokenstream.ingest.security;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Tokens as an application backend holding the shared secret would sign and read them. */
final class TestTokens {
    private TestTokens() {
    }

    static String sign(String subject, String scope, List<String> conversations) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("tokenstream");
            claims.setAudience("tokenstream");
            claims.setSubject(subject);
            claims.setExpirationTime(NumericDate.fromMilliseconds(Instant.now().plusSeconds(300).toEpochMilli()));
            claims.setClaim("scope", scope);
            claims.setStringListClaim("conversations", conversations);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JwtClaims read(String token) {
        try {
            return new JwtConsumerBuilder().setVerificationKey(key()).setExpectedIssuer("tokenstream").setExpectedAudience("tokenstream")
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                    .build().processToClaims(token);
        } catch (Exception e) {
            throw new AssertionError("not a valid token: " + e.getClass().getSimpleName());
        }
    }

    private static HmacKey key() {
        return new HmacKey(SecuredIngestProfile.SECRET.getBytes(StandardCharsets.UTF_8));
    }
}
