package tokenstream.relay.security;

import tokenstream.servicekit.security.SharedSecret;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Verifies (and, for the demo forwarder, signs) HS256 tokens with the secret shared with ingest. */
@Startup
@ApplicationScoped
public class TokenCodec {
    static final String CONVERSATIONS_CLAIM = "conversations";

    private final SecurityConfig config;
    private final HmacKey key;
    private final JwtConsumer consumer;

    @Inject
    public TokenCodec(SecurityConfig config) {
        this.config = config;
        if (!config.enabled()) {
            this.key = null;
            this.consumer = null;
            return;
        }
        this.key = new HmacKey(SharedSecret.load(config.jwtSecretFile(), config.jwtSecret()));
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(config.issuer())
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** @throws AccessDenied 401 for a malformed, tampered, foreign or expired token */
    public AccessToken verify(String token) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            // The reason only; jose4j's message would quote the token.
            throw AccessDenied.unauthorized(e.hasExpired() ? "the access token has expired"
                    : "the access token is not valid (bad signature, issuer or format)");
        }
        try {
            return new AccessToken(claims.getSubject(), keyOf(claims, token),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()),
                    scopes(claims.getClaimValue("scope")), strings(claims.getClaimValue(CONVERSATIONS_CLAIM)));
        } catch (MalformedClaimException e) {
            throw AccessDenied.unauthorized("the access token has malformed claims");
        }
    }

    /** A token for {@code subject} with the given scopes on the given conversations. */
    public String sign(String subject, List<String> scopes, List<String> conversations, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(Instant.now().plus(ttl).toEpochMilli()));
        claims.setClaim("scope", String.join(" ", scopes));
        claims.setStringListClaim(CONVERSATIONS_CLAIM, conversations);
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
            return Set.copyOf(java.util.Arrays.asList(text.trim().split("\\s+")));
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
