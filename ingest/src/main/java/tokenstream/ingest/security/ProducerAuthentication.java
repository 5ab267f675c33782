package tokenstream.ingest.security;

import tokenstream.servicekit.security.AccessTokenVerifier;
import tokenstream.servicekit.security.RejectionMessages;
import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.security.SecurityConfig;
import tokenstream.servicekit.security.TokenRejected;
import tokenstream.servicekit.security.VerifiedToken;
import tokenstream.servicekit.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the callers of ingest from {@code Authorization: Bearer <credential>}: a configured producer API
 * key (server-to-server, every conversation) or a signed token whose scopes and conversations say what it may do.
 */
@ApplicationScoped
public class ProducerAuthentication {
    private static final String BEARER = "Bearer ";
    private static final RejectionMessages REJECTED = new RejectionMessages("the token has expired",
            "the token has malformed claims", "the token's lifetime (exp - iat) is longer than ingest accepts",
            "the credentials are neither a known API key nor a valid token (signature, issuer, audience, format)");

    private final SecurityConfig config;
    private final AccessTokenVerifier verifier;
    private final Map<String, byte[]> apiKeys = new LinkedHashMap<>();

    public ProducerAuthentication(SecurityConfig config, IngestSecurityConfig rules, AccessTokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
        for (String entry : rules.producerApiKeys().orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalStateException("tokenstream.security.producer-api-keys entries are name:key");
            }
            apiKeys.put(entry.substring(0, colon), entry.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The caller, when it may do {@code scope} on the conversation.
     *
     * @throws ApiException 401 without valid credentials, 403 when they do not cover this
     */
    public Principal require(HttpHeaders headers, String scope, String conversationId) {
        return requireAnyOf(headers, conversationId, scope);
    }

    /**
     * The caller, when it may do at least one of {@code scopes} on the conversation (the caller checks which).
     *
     * @throws ApiException 401 without valid credentials, 403 when they grant none of them here
     */
    public Principal requireAnyOf(HttpHeaders headers, String conversationId, String... scopes) {
        if (!config.enabled()) {
            return Principal.anonymous();
        }
        String credential = bearer(headers).orElseThrow(() -> unauthorized(
                "credentials are required: Authorization: Bearer <producer API key or token>"));
        Principal principal = apiKey(credential).orElseGet(() -> verified(credential));
        if (Arrays.stream(scopes).noneMatch(scope -> principal.allows(scope, conversationId))) {
            throw new ApiException(403, "forbidden", "these credentials do not grant '" + scopes[0]
                    + "' on conversation " + conversationId);
        }
        return principal;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    private Principal verified(String token) {
        try {
            VerifiedToken verified = verifier.verify(token);
            return new Principal("jwt:" + verified.subject(), verified.scopes(), verified.conversations());
        } catch (TokenRejected e) {
            throw unauthorized(REJECTED.of(e));
        }
    }

    private Optional<Principal> apiKey(String credential) {
        byte[] given = credential.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> key : apiKeys.entrySet()) {
            if (MessageDigest.isEqual(key.getValue(), given)) {
                return Optional.of(new Principal("key:" + key.getKey(),
                        Set.of(Scopes.PRODUCE, Scopes.CANCEL, Scopes.READ), Set.of(Scopes.ANY_CONVERSATION)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> bearer(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String value = authorization.substring(BEARER.length()).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
