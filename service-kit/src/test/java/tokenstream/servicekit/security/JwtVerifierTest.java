package tokenstream.servicekit.security;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.servicekit.security.TestKeys.ISSUER;
import static tokenstream.servicekit.security.TestKeys.SECRET;
import static tokenstream.servicekit.security.TestKeys.inFiveMinutes;
import static tokenstream.servicekit.security.TestKeys.sign;

/** Tokens from the shared secret and from public keys (PEM, JWKS) are accepted; forgeries and confusions are not. */
class JwtVerifierTest {
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ecP256();

    @TempDir
    Path dir;

    @Test
    void rs256WithAPemKeyIsAccepted() throws Exception {
        JwtVerifier verifier = verifier(Optional.empty(), file("keys.pem", TestKeys.pem(RSA.getPublic())));

        VerifiedToken token = verifier.verify(sign(RSA.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, null,
                inFiveMinutes()));

        assertEquals("user-1", token.subject());
        assertEquals(Set.of("read", "cancel"), token.scopes());
        assertEquals(Set.of("c-1"), token.conversations());
        assertTrue(token.expiresAt().isAfter(Instant.now()));
    }

    @Test
    void aTokenWithAKidIsVerifiedByAPemKeyThatHasNone() throws Exception {
        JwtVerifier verifier = verifier(Optional.empty(), file("keys.pem", TestKeys.pem(EC.getPublic(),
                RSA.getPublic())));

        VerifiedToken token = verifier.verify(sign(RSA.getPrivate(), AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                "issuer-key-7", inFiveMinutes()));

        assertEquals("user-1", token.subject());
    }

    @Test
    void es256WithAJwksKeyChosenByKidIsAccepted() throws Exception {
        KeyPair other = TestKeys.ecP256();
        JwtVerifier verifier = verifier(Optional.empty(), file("jwks.json", jwks(
                jwk(other, "ec-old"), jwk(EC, "ec-new"))));

        VerifiedToken token = verifier.verify(sign(EC.getPrivate(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                "ec-new", inFiveMinutes()));

        assertEquals("user-1", token.subject());
    }

    @Test
    void aKidNamingAnotherKeyIsRejected() throws IOException {
        KeyPair other = TestKeys.ecP256();
        JwtVerifier verifier = verifier(Optional.empty(), file("jwks.json", jwks(
                jwk(other, "ec-old"), jwk(EC, "ec-new"))));

        String token = sign(EC.getPrivate(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "ec-old",
                inFiveMinutes());

        assertEquals(TokenRejected.Reason.INVALID, assertThrows(TokenRejected.class, () -> verifier.verify(token)).reason());
    }

    @Test
    void hs256WithTheSecretIsAccepted() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(SECRET), null);

        VerifiedToken token = verifier.verify(sign(secret(), AlgorithmIdentifiers.HMAC_SHA256, null, inFiveMinutes()));

        assertEquals("user-1", token.subject());
        assertEquals(Set.of("read", "cancel"), token.scopes());
    }

    @Test
    void bothKindsOfKeyWorkSideBySide() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(SECRET), file("keys.pem", TestKeys.pem(RSA.getPublic())));

        verifier.verify(sign(secret(), AlgorithmIdentifiers.HMAC_SHA256, null, inFiveMinutes()));
        verifier.verify(sign(RSA.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA512, null, inFiveMinutes()));
    }

    @Test
    void aTokenSignedByAnotherRsaKeyIsRejected() throws IOException {
        JwtVerifier verifier = verifier(Optional.empty(), file("keys.pem", TestKeys.pem(RSA.getPublic())));
        String token = sign(TestKeys.rsa().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, null, inFiveMinutes());

        TokenRejected rejected = assertThrows(TokenRejected.class, () -> verifier.verify(token));

        assertEquals(TokenRejected.Reason.INVALID, rejected.reason());
        assertFalse(rejected.expired());
        assertFalse(rejected.getMessage().contains(token));
    }

    @Test
    void anExpiredTokenIsRejectedAsExpired() throws IOException {
        JwtVerifier verifier = verifier(Optional.empty(), file("keys.pem", TestKeys.pem(RSA.getPublic())));
        String token = sign(RSA.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, null,
                Instant.now().minusSeconds(60));

        TokenRejected rejected = assertThrows(TokenRejected.class, () -> verifier.verify(token));

        assertTrue(rejected.expired());
        assertEquals("the token has expired", rejected.getMessage());
    }

    @Test
    void algNoneIsRejected() throws IOException {
        JwtVerifier verifier = verifier(Optional.of(SECRET), file("keys.pem", TestKeys.pem(RSA.getPublic())));
        String token = sign(null, AlgorithmIdentifiers.NONE, null, inFiveMinutes());

        assertEquals(TokenRejected.Reason.INVALID, assertThrows(TokenRejected.class, () -> verifier.verify(token)).reason());
    }

    @Test
    void hs256SignedWithThePublicKeyBytesIsRejected() throws IOException {
        String pem = TestKeys.pem(RSA.getPublic());
        List<HmacKey> forgeries = List.of(new HmacKey(pem.getBytes(StandardCharsets.US_ASCII)),
                new HmacKey(RSA.getPublic().getEncoded()));
        for (Optional<String> secret : List.of(Optional.<String>empty(), Optional.of(SECRET))) {
            JwtVerifier verifier = verifier(secret, file("keys.pem", pem));
            for (HmacKey forgery : forgeries) {
                String token = sign(forgery, AlgorithmIdentifiers.HMAC_SHA256, null, inFiveMinutes());

                assertThrows(TokenRejected.class, () -> verifier.verify(token), "secret configured: " + secret.isPresent());
            }
        }
    }

    @Test
    void aTokenWithoutJtiIsKeyedByAHashNotByItsText() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(SECRET), null);
        var claims = new org.jose4j.jwt.JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(TestKeys.AUDIENCE);
        claims.setSubject("audit");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setStringListClaim(Claims.SCOPE, "read");
        claims.setStringListClaim(Claims.CONVERSATIONS, "*");
        var jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(secret());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        String text = jws.getCompactSerialization();

        VerifiedToken token = verifier.verify(text);

        assertEquals(Set.of("read"), token.scopes());
        assertEquals(Set.of("*"), token.conversations());
        assertEquals(22, token.key().length());
        assertFalse(text.contains(token.key()));
    }

    private JwtVerifier verifier(Optional<String> secret, Path publicKeys) {
        return new JwtVerifier(TokenKeys.load(Optional.empty(), secret, Optional.ofNullable(publicKeys)), TestKeys.POLICY);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static HmacKey secret() {
        return new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private static PublicJsonWebKey jwk(KeyPair pair, String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setKeyId(kid);
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(PublicJsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson();
    }
}
