package tokenstream.servicekit.security;

/**
 * What a service answers (401 {@code unauthorized}) for each reason a token is refused: the wording is the service's,
 * the reasons are the verifier's.
 */
public record RejectionMessages(String expired, String malformedClaims, String lifetimeTooLong, String invalid) {

    public String of(TokenRejected rejected) {
        return switch (rejected.reason()) {
            case EXPIRED -> expired;
            case MALFORMED_CLAIMS -> malformedClaims;
            case LIFETIME_TOO_LONG -> lifetimeTooLong;
            case INVALID -> invalid;
        };
    }
}
