package tokenstream.ingest.security;

import tokenstream.servicekit.security.Scopes;
import java.util.Set;

/**
 * Who made a request. Never holds the credential itself, so printing it cannot leak one.
 *
 * @param name          {@code key:<api key name>} or {@code jwt:<sub>}; the owner of the responses it starts or pushes
 * @param scopes        what it may do
 * @param conversations where ({@code "*"} for everywhere)
 */
public record Principal(String name, Set<String> scopes, Set<String> conversations) {

    /** Every request when security is off. */
    public static Principal anonymous() {
        return new Principal("anonymous", Scopes.UNRESTRICTED, Set.of(Scopes.ANY_CONVERSATION));
    }

    public boolean allows(String scope, String conversationId) {
        return Scopes.grant(scopes, conversations, scope, conversationId);
    }
}
