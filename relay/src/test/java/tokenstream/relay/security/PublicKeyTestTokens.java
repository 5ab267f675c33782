package tokenstream.relay.security;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tokens as an external issuer holding an RSA private key would sign them, and the PEM file of its public key.
 * The key pair lives in files named by a system property: the profile and the test may be loaded by different
 * class loaders, and must still agree on the key.
 */
final class PublicKeyTestTokens {
    private static final String DIR_PROPERTY = "tokenstream.test.relay-public-key-dir";

    private PublicKeyTestTokens() {
    }

    /** The PEM file the relay is configured with. */
    static Path publicKeyFile() {
        return dir().resolve("public.pem");
    }

    static String read(String conversationId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("tokenstream");
        claims.setAudience("tokenstream");
        claims.setSubject("user-1");
        claims.setGeneratedJwtId();
        claims.setExpirationTime(NumericDate.fromMilliseconds(Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli()));
        claims.setClaim("scope", "read");
        claims.setStringListClaim("conversations", List.of(conversationId));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(dir().resolve("private.pk8")));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path dir() {
        String existing = System.getProperty(DIR_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("relay-public-key-test");
            Files.writeString(dir.resolve("private.pk8"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            System.setProperty(DIR_PROPERTY, dir.toString());
            return dir;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
