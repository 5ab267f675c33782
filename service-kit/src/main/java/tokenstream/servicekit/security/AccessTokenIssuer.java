package tokenstream.servicekit.security;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.time.Instant;
import java.util.List;

/**
 * Mints the tokens tokenstream issues itself (ingest's client tokens, the relay's demo producer tokens): HS256 with
 * the shared secret, so every service verifies them whatever public keys it also accepts. Services obtain one from
 * {@link AccessTokenVerifier#issuer}, which checks at start that every service will accept its tokens.
 */
public final class AccessTokenIssuer {
    private final HmacKey key;
    private final TokenPolicy policy;

    /**
     * @param feature the setting that turned signing on, named in the start failure when there is no secret
     */
    AccessTokenIssuer(TokenKeys keys, TokenPolicy policy, String feature) {
        this.key = new HmacKey(keys.signingSecret(feature));
        this.policy = policy;
    }

    /**
     * A token for {@code subject} with the given scopes on the given conversations, with a fresh {@code jti}, the
     * policy's issuer and audience, and {@code iat} now.
     */
    public String sign(String subject, List<String> scopes, List<String> conversations, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(policy.issuer());
        claims.setAudience(policy.audience());
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setClaim(Claims.SCOPE, String.join(" ", scopes));
        claims.setStringListClaim(Claims.CONVERSATIONS, conversations);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
