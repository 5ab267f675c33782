package tokenstream.servicekit.security;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a service is given to verify with, and the start failures that say what is wrong with it. */
class TokenKeysTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfGarbageStopsTheStartNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("keys.pem"), "this is not a key\n");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> load(file));

        assertTrue(failure.getMessage().contains("tokenstream.security.jwt-public-keys-file"), failure.getMessage());
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("-----BEGIN PUBLIC KEY-----"), failure.getMessage());
    }

    @Test
    void aPemBlockOfGarbageStopsTheStartNamingFileAndBlock() throws IOException {
        Path file = Files.writeString(dir.resolve("keys.pem"), TestKeys.pem(TestKeys.rsa().getPublic())
                + "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PUBLIC KEY-----\n");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> load(file));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("PEM block 2"), failure.getMessage());
    }

    @Test
    void aPrivateKeyBlockIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> load(file));

        assertTrue(failure.getMessage().contains("'PRIVATE KEY'"), failure.getMessage());
    }

    @Test
    void aJwksWithAPrivateKeyIsRefused() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        jwk.setKeyId("leaked");
        Path file = Files.writeString(dir.resolve("jwks.json"),
                new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> load(file));

        assertTrue(failure.getMessage().contains("private key"), failure.getMessage());
    }

    @Test
    void aMissingFileStopsTheStartNamingIt() {
        Path file = dir.resolve("absent.pem");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> load(file));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
    }

    @Test
    void neitherSecretNorPublicKeysStopsTheStartNamingTheThreeProperties() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TokenKeys.load(Optional.empty(), Optional.empty(), Optional.empty()));

        assertTrue(failure.getMessage().contains("tokenstream.security.jwt-secret-file"), failure.getMessage());
        assertTrue(failure.getMessage().contains("tokenstream.security.jwt-secret "), failure.getMessage());
        assertTrue(failure.getMessage().contains("tokenstream.security.jwt-public-keys-file"), failure.getMessage());
    }

    @Test
    void signingWithPublicKeysOnlyStopsTheStartNamingTheFeature() throws IOException {
        Path file = Files.writeString(dir.resolve("keys.pem"), TestKeys.pem(TestKeys.rsa().getPublic()));
        TokenKeys keys = load(file);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new AccessTokenIssuer(keys, TestKeys.POLICY, "tokenstream.security.issue-client-tokens=true"));

        assertTrue(failure.getMessage().startsWith("tokenstream.security.issue-client-tokens=true"), failure.getMessage());
        assertTrue(failure.getMessage().contains("tokenstream.security.jwt-secret"), failure.getMessage());
    }

    @Test
    void signedTokensVerify() throws Exception {
        TokenKeys keys = TokenKeys.load(Optional.empty(), Optional.of(TestKeys.SECRET), Optional.empty());
        String token = new AccessTokenIssuer(keys, TestKeys.POLICY, "test").sign("key:gateway", List.of("read", "cancel"),
                List.of("c-9"), TestKeys.inFiveMinutes());

        VerifiedToken verified = new JwtVerifier(keys, TestKeys.POLICY).verify(token);

        assertEquals("key:gateway", verified.subject());
        assertEquals(List.of("c-9"), List.copyOf(verified.conversations()));
    }

    private static TokenKeys load(Path publicKeysFile) {
        return TokenKeys.load(Optional.empty(), Optional.empty(), Optional.of(publicKeysFile));
    }
}
