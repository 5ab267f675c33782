package tokenstream.servicekit.security;

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

    private Scopes() {
    }
}
