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
 * ES256 or ES384 with the configured public keys), {@code iss}, and the required {@code exp} and {@code sub}.
 * Thread-safe.
 */
public final class JwtVerifier {
    private final JwtConsumer consumer;

    public JwtVerifier(TokenKeys keys, String issuer) {
        List<String> accepted = new ArrayList<>();
        keys.secret().ifPresent(secret -> accepted.add(AlgorithmIdentifiers.HMAC_SHA256));
        if (!keys.publicKeys().isEmpty()) {
            accepted.addAll(KeySelector.PUBLIC_KEY_ALGORITHMS);
        }
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(issuer)
                .setVerificationKeyResolver(new KeySelector(keys))
                // Besides the key selector: only what the configured keys can verify, and never "none".
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, accepted.toArray(String[]::new))
                .build();
    }

    /** @throws TokenRejected for a malformed, tampered, foreign, wrongly signed or expired token */
    public VerifiedToken verify(String token) throws TokenRejected {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new TokenRejected(e.hasExpired() ? TokenRejected.Reason.EXPIRED : TokenRejected.Reason.INVALID);
        }
        try {
            return new VerifiedToken(claims.getSubject(), keyOf(claims, token),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()),
                    scopes(claims.getClaimValue(Claims.SCOPE)), strings(claims.getClaimValue(Claims.CONVERSATIONS)));
        } catch (MalformedClaimException e) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED_CLAIMS);
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
