package tokenstream.servicekit.security;

/**
 * A token that does not verify. Checked, so that every service maps it to its own error answer; the message is a
 * reason only and never quotes the token (jose4j's own messages would, which is why they are not the cause here).
 */
public final class TokenRejected extends Exception {

    /** Why, in the words the services answer with. */
    public enum Reason {
        EXPIRED("the token has expired"),
        INVALID("the token is not valid (bad signature, algorithm, issuer, audience or format)"),
        MALFORMED_CLAIMS("the token has malformed claims"),
        LIFETIME_TOO_LONG("the token's lifetime (exp - iat) is longer than tokenstream.security.jwt-max-lifetime");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private final Reason reason;

    TokenRejected(Reason reason) {
        super(reason.description, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Expired, as opposed to never valid: clients react differently (refresh rather than give up). */
    public boolean expired() {
        return reason == Reason.EXPIRED;
    }
}
