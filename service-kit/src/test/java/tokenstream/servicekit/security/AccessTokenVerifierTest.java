package tokenstream.servicekit.security;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier every service uses, and the issuer it hands to the features that mint tokens. */
class AccessTokenVerifierTest {

    @Test
    void aTokenItsIssuerMintedVerifiesWithItsGrants() throws TokenRejected {
        AccessTokenVerifier verifier = new AccessTokenVerifier(config(true));
        String token = verifier.issuer("test", Duration.ofMinutes(5), "test-ttl")
                .sign("key:gateway", List.of(Scopes.READ), List.of("c-1"), Instant.now().plusSeconds(60));
        VerifiedToken verified = verifier.verify(token);
        assertEquals("key:gateway", verified.subject());
        assertTrue(verified.allows(Scopes.READ, "c-1"));
        assertFalse(verified.allows(Scopes.READ, "c-2"));
        assertFalse(verified.allows(Scopes.CANCEL, "c-1"));
    }

    @Test
    void anIssuerWhoseTokensOutliveTheMaximumLifetimeStopsTheStart() {
        AccessTokenVerifier verifier = new AccessTokenVerifier(config(true));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> verifier.issuer("test", Duration.ofHours(2), "tokenstream.security.client-token-ttl"));
        assertTrue(e.getMessage().startsWith("tokenstream.security.client-token-ttl (PT2H) is longer than"),
                e.getMessage());
    }

    @Test
    void withSecurityOffNothingIsVerified() {
        AccessTokenVerifier verifier = new AccessTokenVerifier(config(false));
        assertThrows(IllegalStateException.class, () -> verifier.verify("anything"));
    }

    @Test
    void eachRejectionReasonIsAnsweredInTheServicesWords() {
        RejectionMessages messages = RejectionMessages.forAccessTokens("malformed", "too long");
        assertEquals("the access token has expired", messages.of(new TokenRejected(TokenRejected.Reason.EXPIRED)));
        assertEquals("malformed", messages.of(new TokenRejected(TokenRejected.Reason.MALFORMED_CLAIMS)));
        assertEquals("too long", messages.of(new TokenRejected(TokenRejected.Reason.LIFETIME_TOO_LONG)));
        assertEquals(RejectionMessages.ACCESS_TOKEN_INVALID,
                messages.of(new TokenRejected(TokenRejected.Reason.INVALID)));
    }

    @Test
    void anyConversationGrantsEveryConversation() {
        assertTrue(Scopes.grant(Set.of(Scopes.READ), Set.of(Scopes.ANY_CONVERSATION), Scopes.READ, "c-9"));
    }

    private static SecurityConfig config(boolean enabled) {
        return new SecurityConfig() {
            public boolean enabled() {
                return enabled;
            }

            public Optional<String> jwtSecret() {
                return Optional.of(TestKeys.SECRET);
            }

            public Optional<Path> jwtSecretFile() {
                return Optional.empty();
            }

            public Optional<Path> jwtPublicKeysFile() {
                return Optional.empty();
            }

            public String issuer() {
                return "tokenstream";
            }

            public String jwtAudience() {
                return "tokenstream";
            }

            public Duration jwtMaxLifetime() {
                return Duration.ofHours(1);
            }

            public Duration jwtClockSkew() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
