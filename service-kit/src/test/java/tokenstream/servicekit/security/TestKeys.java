package tokenstream.servicekit.security;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Real keys made for the test, and tokens signed with them as an external issuer would. */
final class TestKeys {
    static final String ISSUER = "tokenstream";
    static final String AUDIENCE = "tokenstream";
    static final TokenPolicy POLICY = new TokenPolicy(ISSUER, AUDIENCE, java.time.Duration.ofHours(1),
            java.time.Duration.ofSeconds(30));
    static final String SECRET = "service-kit-test-secret-0123456789abcdef";

    private TestKeys() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey... keys) {
        StringBuilder text = new StringBuilder();
        for (PublicKey key : keys) {
            text.append("-----BEGIN PUBLIC KEY-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded()))
                    .append("\n-----END PUBLIC KEY-----\n");
        }
        return text.toString();
    }

    static String sign(Key key, String alg, String kid, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("user-1");
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setClaim(Claims.SCOPE, "read cancel");
        claims.setStringListClaim(Claims.CONVERSATIONS, List.of("c-1"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(alg);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        // The tests forge what a verifier must refuse ("none", HS256 with public-key bytes): sign anything.
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant inFiveMinutes() {
        return Instant.now().plusSeconds(300);
    }
}
