package tokenstream.relay.security;

import tokenstream.servicekit.security.Scopes;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.http.HttpRequest;
import java.util.List;

/**
 * The credentials the relay sends with a request it forwards to ingest: the client's own token, whichever way it
 * came (ingest checks it again), or for an anonymous demo start a producer token for that one demo conversation.
 */
@ApplicationScoped
public class ForwardedCredentials {
    static final String DEMO_PRODUCER = "relay-demo";

    @Inject
    SecurityConfig security;
    @Inject
    DemoConfig demo;
    @Inject
    TokenCodec codec;

    /** For a cancel: the client's token, as a bearer token. */
    public HttpRequest.Builder onto(HttpRequest.Builder request, RoutingContext ctx) {
        if (security.enabled()) {
            Credentials.of(ctx.request()).ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        return request;
    }

    /**
     * For a start: the client's token, or, for an {@link #isAnonymousDemoStart anonymous demo start}, a token with only
     * the demo grant for that one conversation (ingest then applies the demo's fixed terms).
     */
    public HttpRequest.Builder ontoStart(HttpRequest.Builder request, RoutingContext ctx, String conversationId) {
        if (!security.enabled()) {
            return request;
        }
        var token = Credentials.of(ctx.request());
        if (token.isPresent()) {
            return request.header("Authorization", "Bearer " + token.get());
        }
        if (isAnonymousDemoStart(ctx, conversationId)) {
            String producer = codec.sign(DEMO_PRODUCER, List.of(Scopes.DEMO), List.of(conversationId),
                    demo.producerTokenTtl());
            request.header("Authorization", "Bearer " + producer);
        }
        // Otherwise ingest answers 401, and the relay passes that on.
        return request;
    }

    /** A start the relay signs as the demo: security and the demo on, no credentials, a demo conversation. */
    public boolean isAnonymousDemoStart(RoutingContext ctx, String conversationId) {
        return security.enabled() && demo.enabled() && conversationId.startsWith(demo.conversationPrefix())
                && Credentials.of(ctx.request()).isEmpty();
    }
}
