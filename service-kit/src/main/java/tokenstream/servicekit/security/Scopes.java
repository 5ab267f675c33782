package tokenstream.servicekit.security;

/** The {@code scope} values of a token, the same in every service. */
public final class Scopes {
    public static final String READ = "read";
    public static final String CANCEL = "cancel";
    public static final String PRODUCE = "produce";
    /** In the {@code conversations} claim: every conversation (server-to-server tokens). */
    public static final String ANY_CONVERSATION = "*";

    private Scopes() {
    }
}
