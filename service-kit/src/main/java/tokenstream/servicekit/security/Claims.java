package tokenstream.servicekit.security;

/** The claim names tokenstream's tokens carry beyond the registered ones ({@code iss}, {@code sub}, {@code exp}). */
public final class Claims {
    /** Space-separated scopes (RFC 8693); a list is accepted too. */
    public static final String SCOPE = "scope";
    /** The conversation ids the token covers. */
    public static final String CONVERSATIONS = "conversations";

    private Claims() {
    }
}
