package tokenstream.servicekit.security;

import java.time.Duration;

/**
 * What every token must satisfy besides its signature, the same in every service
 * ({@code tokenstream.security.issuer}, {@code jwt-audience}, {@code jwt-max-lifetime}, {@code jwt-clock-skew}).
 *
 * @param issuer      the {@code iss} every token carries
 * @param audience    a value the token's {@code aud} must hold; the tokens tokenstream signs carry it, so a token an
 *                    identity provider issued for another application is refused even when the key is shared
 * @param maxLifetime the longest {@code exp - iat} accepted (without {@code iat}: {@code exp - now}), so that a leaked
 *                    token cannot have been minted to last for months
 * @param clockSkew   tolerated difference between the issuer's clock and ours, on {@code exp}, {@code nbf} and
 *                    {@code iat}
 */
public record TokenPolicy(String issuer, String audience, Duration maxLifetime, Duration clockSkew) {
    public TokenPolicy {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("tokenstream.security.jwt-audience must not be blank");
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("tokenstream.security.jwt-max-lifetime must be positive");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("tokenstream.security.jwt-clock-skew must be between 0 and 5 minutes");
        }
    }

    /**
     * Checks at start that tokens this service signs with the given lifetime will be accepted.
     *
     * @param setting the property that sets the lifetime, named in the failure
     * @throws IllegalStateException when the lifetime is above {@link #maxLifetime()}
     */
    public void requireSignable(Duration lifetime, String setting) {
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalStateException(setting + " (" + lifetime + ") is longer than tokenstream.security."
                    + "jwt-max-lifetime (" + maxLifetime + "): every service would refuse the tokens it signs");
        }
    }
}
