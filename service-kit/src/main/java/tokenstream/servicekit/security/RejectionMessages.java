package tokenstream.servicekit.security;

/**
 * What a service answers (401 {@code unauthorized}) for each reason a token is refused: the wording is the service's,
 * the reasons are the verifier's.
 */
public record RejectionMessages(String expired, String malformedClaims, String lifetimeTooLong, String invalid) {
    /** The relay's and consumers' answer to a token that never verifies. */
    public static final String ACCESS_TOKEN_INVALID =
            "the access token is not valid (bad signature, issuer, audience or format)";

    /** The wording of the services whose callers hold access tokens (the relay, consumers). */
    public static RejectionMessages forAccessTokens(String malformedClaims, String lifetimeTooLong) {
        return new RejectionMessages("the access token has expired", malformedClaims, lifetimeTooLong,
                ACCESS_TOKEN_INVALID);
    }

    public String of(TokenRejected rejected) {
        return switch (rejected.reason()) {
            case EXPIRED -> expired;
            case MALFORMED_CLAIMS -> malformedClaims;
            case LIFETIME_TOO_LONG -> lifetimeTooLong;
            case INVALID -> invalid;
        };
    }
}
