package tokenstream.ingest.security;

import tokenstream.servicekit.security.SharedSecret;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
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
import tokenstream.ingest.web.ApiException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Signs client tokens and verifies producer tokens: HS256 with the secret shared with the relay. */
@Startup
@ApplicationScoped
public class TokenCodec {
    static final String CONVERSATIONS_CLAIM = "conversations";

    private final SecurityConfig config;
    private final HmacKey key;
    private final JwtConsumer consumer;

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

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    public Principal verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return new Principal("jwt:" + claims.getSubject(), scopes(claims.getClaimValue("scope")),
                    strings(claims.getClaimValue(CONVERSATIONS_CLAIM)));
        } catch (InvalidJwtException e) {
            // The reason only; jose4j's message would quote the token.
            throw Producers.unauthorized(e.hasExpired() ? "the token has expired"
                    : "the credentials are neither a known API key nor a valid token");
        } catch (MalformedClaimException e) {
            throw Producers.unauthorized("the token has malformed claims");
        }
    }

    public String sign(String subject, List<String> scopes, List<String> conversations, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
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
