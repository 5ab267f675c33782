package tokenstream.ingest.security;

import tokenstream.servicekit.security.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import tokenstream.ingest.web.ApiException;

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
public class Producers {
    private static final String BEARER = "Bearer ";

    private final SecurityConfig config;
    private final TokenCodec codec;
    private final Map<String, byte[]> apiKeys = new LinkedHashMap<>();

    public Producers(SecurityConfig config, TokenCodec codec) {
        this.config = config;
        this.codec = codec;
        for (String entry : config.producerApiKeys().orElse(List.of())) {
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
        Principal principal = apiKey(credential).orElseGet(() -> codec.verify(credential));
        if (Arrays.stream(scopes).noneMatch(scope -> principal.allows(scope, conversationId))) {
            throw new ApiException(403, "forbidden", "these credentials do not grant '" + scopes[0]
                    + "' on conversation " + conversationId);
        }
        return principal;
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
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
