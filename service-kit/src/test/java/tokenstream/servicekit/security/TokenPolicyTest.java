package tokenstream.servicekit.security;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Audience, maximum lifetime and clock skew: the checks beyond the signature. */
class TokenPolicyTest {
    private static final TokenPolicy POLICY = new TokenPolicy("tokenstream", "tokenstream", Duration.ofHours(1),
            Duration.ofSeconds(30));
    private static final TokenKeys KEYS = TokenKeys.load(Optional.empty(), Optional.of(TestKeys.SECRET), Optional.empty());
    private final JwtVerifier verifier = new JwtVerifier(KEYS, POLICY);

    /** A token valid for five minutes from now, issued now, for our audience, then changed by {@code change}. */
    private static String token(Consumer<JwtClaims> change) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("tokenstream");
        claims.setAudience("tokenstream");
        claims.setSubject("user-1");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(at(Instant.now().plus(Duration.ofMinutes(5))));
        claims.setClaim(Claims.SCOPE, "read");
        claims.setStringListClaim(Claims.CONVERSATIONS, List.of("c-1"));
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(TestKeys.SECRET.getBytes(StandardCharsets.UTF_8)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        return jws.getCompactSerialization();
    }

    private static NumericDate at(Instant instant) {
        return NumericDate.fromMilliseconds(instant.toEpochMilli());
    }

    /** Issued and expiring at these distances from now (negative: in the past). */
    private static Consumer<JwtClaims> issuedAndExpiring(Duration issued, Duration expires) {
        return c -> {
            c.setIssuedAt(at(Instant.now().plus(issued)));
            c.setExpirationTime(at(Instant.now().plus(expires)));
        };
    }

    private TokenRejected.Reason rejection(String token) {
        return assertThrows(TokenRejected.class, () -> verifier.verify(token)).reason();
    }

    @Test
    void aTokenForOurAudienceIsAccepted() throws Exception {
        assertEquals("user-1", verifier.verify(token(c -> { })).subject());
        assertEquals("user-1", verifier.verify(token(c -> c.setAudience("other-app", "tokenstream"))).subject());
    }

    @Test
    void aTokenWithoutAnAudienceIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.INVALID, rejection(token(c -> c.unsetClaim("aud"))));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.INVALID, rejection(token(c -> c.setAudience("another-application"))));
    }

    @Test
    void aTokenIssuedToLiveLongerThanTheMaximumIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.LIFETIME_TOO_LONG, rejection(token(
                issuedAndExpiring(Duration.ofMinutes(-1), Duration.ofMinutes(61)))));
    }

    @Test
    void aLongLivedTokenIsRefusedEvenNearItsEnd() throws Exception {
        assertEquals(TokenRejected.Reason.LIFETIME_TOO_LONG, rejection(token(
                issuedAndExpiring(Duration.ofDays(-30), Duration.ofMinutes(1)))));
    }

    @Test
    void withoutIssuedAtTheLifetimeCountsFromNow() throws Exception {
        assertEquals("user-1", verifier.verify(token(c -> {
            c.unsetClaim("iat");
            c.setExpirationTime(at(Instant.now().plus(Duration.ofMinutes(59))));
        })).subject());
        assertEquals(TokenRejected.Reason.LIFETIME_TOO_LONG, rejection(token(c -> {
            c.unsetClaim("iat");
            c.setExpirationTime(at(Instant.now().plus(Duration.ofDays(365))));
        })));
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.INVALID, rejection(token(
                issuedAndExpiring(Duration.ofMinutes(10), Duration.ofMinutes(20)))));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.INVALID, rejection(token(c -> c.unsetClaim("exp"))));
    }

    @Test
    void expiryWithinTheClockSkewIsTolerated() throws Exception {
        assertEquals("user-1", verifier.verify(token(
                issuedAndExpiring(Duration.ofMinutes(-5), Duration.ofSeconds(-10)))).subject());
    }

    @Test
    void expiryBeyondTheClockSkewIsRefused() throws Exception {
        assertEquals(TokenRejected.Reason.EXPIRED, rejection(token(
                issuedAndExpiring(Duration.ofMinutes(-5), Duration.ofSeconds(-60)))));
    }

    @Test
    void theTokensWeSignCarryTheAudienceAndPass() throws Exception {
        String token = new AccessTokenIssuer(KEYS, POLICY, "test").sign("key:gateway", List.of("read"), List.of("c-1"),
                Instant.now().plus(Duration.ofMinutes(15)));

        assertEquals("key:gateway", verifier.verify(token).subject());
        assertThrows(TokenRejected.class, () -> new JwtVerifier(KEYS,
                new TokenPolicy("tokenstream", "someone-else", Duration.ofHours(1), Duration.ZERO)).verify(token));
    }

    @Test
    void aSigningLifetimeAboveTheMaximumStopsTheStart() {
        var e = assertThrows(IllegalStateException.class,
                () -> POLICY.requireSignable(Duration.ofHours(2), "tokenstream.security.client-token-ttl"));
        assertEquals(true, e.getMessage().contains("tokenstream.security.client-token-ttl"));
    }
}
