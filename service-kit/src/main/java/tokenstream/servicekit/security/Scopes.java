package tokenstream.servicekit.security;

import java.util.Set;

/** The {@code scope} values of a token, the same in every service. */
public final class Scopes {
    public static final String READ = "read";
    public static final String CANCEL = "cancel";
    public static final String PRODUCE = "produce";
    /**
     * Start a generation as the anonymous demo, which the relay signs: ingest runs it on the simulator only, with the
     * demo's fixed length and pace and within the cap on open demo generations, whatever the request asks for.
     */
    public static final String DEMO = "demo";
    /** In the {@code conversations} claim: every conversation (server-to-server tokens). */
    public static final String ANY_CONVERSATION = "*";

    /** What every request may do when security is off. */
    public static final Set<String> UNRESTRICTED = Set.of(READ, CANCEL, PRODUCE);

    private Scopes() {
    }

    /** Whether {@code scopes} on {@code conversations} grant {@code scope} on the conversation. */
    public static boolean grant(Set<String> scopes, Set<String> conversations, String scope, String conversationId) {
        return scopes.contains(scope)
                && (conversations.contains(ANY_CONVERSATION) || conversations.contains(conversationId));
    }
}
