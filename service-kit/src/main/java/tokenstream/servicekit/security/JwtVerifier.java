package tokenstream.servicekit.security;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies the tokens every service accepts: signature (HS256 with the shared secret; RS256, RS384, RS512, PS256,
 * ES256 or ES384 with the configured public keys), {@code iss}, {@code aud}, the required {@code exp} and
 * {@code sub}, and a lifetime within the {@link TokenPolicy}. Thread-safe.
 */
final class JwtVerifier {
    private final JwtConsumer consumer;
    private final TokenPolicy policy;

    JwtVerifier(TokenKeys keys, TokenPolicy policy) {
        this.policy = policy;
        List<String> accepted = new ArrayList<>();
        keys.secret().ifPresent(secret -> accepted.add(AlgorithmIdentifiers.HMAC_SHA256));
        if (!keys.publicKeys().isEmpty()) {
            accepted.addAll(KeySelector.PUBLIC_KEY_ALGORITHMS);
        }
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(policy.issuer())
                .setExpectedAudience(true, policy.audience())
                .setAllowedClockSkewInSeconds((int) policy.clockSkew().toSeconds())
                .setVerificationKeyResolver(new KeySelector(keys))
                // Besides the key selector: only what the configured keys can verify, and never "none".
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, accepted.toArray(String[]::new))
                .build();
    }

    /**
     * @throws TokenRejected for a malformed, tampered, foreign, wrongly signed, expired or too long-lived token, or one
     *                       for another audience
     */
    public VerifiedToken verify(String token) throws TokenRejected {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new TokenRejected(e.hasExpired() ? TokenRejected.Reason.EXPIRED : TokenRejected.Reason.INVALID);
        }
        try {
            checkLifetime(claims);
            return new VerifiedToken(claims.getSubject(), keyOf(claims, token),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()),
                    scopes(claims.getClaimValue(Claims.SCOPE)), strings(claims.getClaimValue(Claims.CONVERSATIONS)));
        } catch (MalformedClaimException e) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED_CLAIMS);
        }
    }

    /**
     * {@code exp - iat} at most the policy's maximum; without {@code iat}, {@code exp - now} (plus the skew, as now is
     * our clock). An {@code iat} in the future is refused: it would stretch the lifetime the check sees.
     */
    private void checkLifetime(JwtClaims claims) throws MalformedClaimException, TokenRejected {
        long exp = claims.getExpirationTime().getValueInMillis();
        long now = System.currentTimeMillis();
        long skew = policy.clockSkew().toMillis();
        long max = policy.maxLifetime().toMillis();
        if (claims.getIssuedAt() == null) {
            if (exp - now > max + skew) {
                throw new TokenRejected(TokenRejected.Reason.LIFETIME_TOO_LONG);
            }
            return;
        }
        long iat = claims.getIssuedAt().getValueInMillis();
        if (iat > now + skew) {
            throw new TokenRejected(TokenRejected.Reason.INVALID);
        }
        if (exp - iat > max) {
            throw new TokenRejected(TokenRejected.Reason.LIFETIME_TOO_LONG);
        }
    }

    /** The {@code jti}; without one a hash, so that the token text itself is never kept as a key. */
    private static String keyOf(JwtClaims claims, String token) throws MalformedClaimException {
        if (claims.getJwtId() != null) {
            return claims.getJwtId();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code scope} is a space-separated string (RFC 8693) or, leniently, a list. */
    private static Set<String> scopes(Object value) {
        if (value instanceof String text) {
            return Set.copyOf(Arrays.asList(text.trim().split("\\s+")));
        }
        return strings(value);
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new HashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> {
                if (item instanceof String text) {
                    result.add(text);
                }
            });
        } else if (value instanceof String text) {
            result.add(text);
        }
        return Set.copyOf(result);
    }
}
