package tokenstream.relay.security;

import tokenstream.servicekit.security.AccessTokenIssuer;
import tokenstream.servicekit.security.AccessTokenVerifier;
import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.security.SecurityConfig;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;

/**
 * The credentials the relay sends with a request it forwards to ingest: the client's own token, whichever way it
 * came (ingest checks it again), or for an anonymous demo start a producer token for that one demo conversation.
 */
@Startup
@ApplicationScoped
public class ForwardedCredentials {
    static final String DEMO_PRODUCER = "relay-demo";

    private final SecurityConfig security;
    private final DemoConfig demo;
    /** Signs the demo's producer tokens; null unless security and the demo are on. */
    private final AccessTokenIssuer demoIssuer;

    /** Checked at start: a demo that cannot sign would only show up as 401s on the demo page. */
    public ForwardedCredentials(SecurityConfig security, DemoConfig demo, AccessTokenVerifier verifier) {
        this.security = security;
        this.demo = demo;
        this.demoIssuer = security.enabled() && demo.enabled()
                ? verifier.issuer("tokenstream.relay.demo.enabled=true", demo.producerTokenTtl(),
                        "tokenstream.relay.demo.producer-token-ttl")
                : null;
    }

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
            String producer = demoIssuer.sign(DEMO_PRODUCER, List.of(Scopes.DEMO), List.of(conversationId),
                    Instant.now().plus(demo.producerTokenTtl()));
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
