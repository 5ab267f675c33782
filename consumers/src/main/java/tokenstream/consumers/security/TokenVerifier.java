package tokenstream.consumers.security;

import tokenstream.servicekit.security.SharedSecret;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import tokenstream.consumers.http.ApiException;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Verifies HS256 tokens with the secret shared by the services. */
@Startup
@ApplicationScoped
public class TokenVerifier {

    private final JwtConsumer consumer;

    public TokenVerifier(SecurityConfig config) {
        this.consumer = !config.enabled() ? null : new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(config.issuer())
                .setVerificationKey(new HmacKey(SharedSecret.load(config.jwtSecretFile(), config.jwtSecret())))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    public ReadGrant verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object scope = claims.getClaimValue("scope");
            boolean read = scope instanceof String text && Arrays.asList(text.trim().split("\\s+")).contains("read")
                    || scope instanceof List<?> list && list.contains("read");
            Set<String> conversations = new HashSet<>();
            Object listed = claims.getClaimValue("conversations");
            if (listed instanceof List<?> list) {
                list.forEach(item -> conversations.add(String.valueOf(item)));
            }
            return new ReadGrant(read, Set.copyOf(conversations));
        } catch (InvalidJwtException e) {
            // The reason only; jose4j's message would quote the token.
            throw new ApiException(401, "unauthorized", e.hasExpired() ? "the access token has expired"
                    : "the access token is not valid (bad signature, issuer or format)");
        }
    }

}
