package tokenstream.servicekit.security;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tokenstream.security.jwt-public-keys-file}: a JWKS document ({@code {"keys":[...]}}) or one or more PEM
 * {@code -----BEGIN PUBLIC KEY-----} blocks, RSA or EC. Anything it cannot use stops the start with a message naming
 * the file, so a wrong file is found at deployment and not as a stream of 401s.
 */
final class PublicKeysFile {
    static final String PROPERTY = "tokenstream.security.jwt-public-keys-file";

    /** jose4j refuses shorter RSA keys when verifying; saying so at start is clearer than every token failing. */
    private static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PublicKeysFile() {
    }

    /** The keys, each with its {@code kid} when the JWKS gives one (PEM keys have none). */
    static List<PublicJsonWebKey> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(PROPERTY + " " + file + " cannot be read: " + e);
        }
        List<PublicJsonWebKey> keys = text.strip().startsWith("{") ? fromJwks(file, text) : fromPem(file, text);
        if (keys.isEmpty()) {
            throw problem(file, "holds no public key");
        }
        for (PublicJsonWebKey key : keys) {
            if (key.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw problem(file, "holds an RSA key of " + rsa.getModulus().bitLength() + " bits; at least "
                        + MIN_RSA_BITS + " are required");
            }
        }
        return List.copyOf(keys);
    }

    private static List<PublicJsonWebKey> fromJwks(Path file, String json) {
        List<JsonWebKey> parsed;
        try {
            parsed = new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw problem(file, "looks like JSON but is not a JWKS document ({\"keys\":[...]}): " + e.getMessage());
        }
        List<PublicJsonWebKey> keys = new ArrayList<>();
        for (JsonWebKey key : parsed) {
            if (!(key instanceof RsaJsonWebKey || key instanceof EllipticCurveJsonWebKey)) {
                throw problem(file, "holds a key of type " + key.getKeyType() + "; only RSA and EC keys are accepted");
            }
            PublicJsonWebKey publicKey = (PublicJsonWebKey) key;
            // A verifier has no use for a private key; holding one means the wrong file was deployed.
            if (publicKey.getPrivateKey() != null) {
                throw problem(file, "holds a private key (kid " + key.getKeyId() + "); give the public keys only");
            }
            keys.add(publicKey);
        }
        return keys;
    }

    private static List<PublicJsonWebKey> fromPem(Path file, String text) {
        List<PublicJsonWebKey> keys = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            int number = keys.size() + 1;
            if (!block.group(1).equals("PUBLIC KEY")) {
                throw problem(file, "holds a PEM '" + block.group(1) + "' block; only 'PUBLIC KEY' blocks"
                        + " (openssl pkey -pubout) or a JWKS document are accepted");
            }
            keys.add(publicKey(file, number, block.group(2)));
        }
        if (keys.isEmpty()) {
            throw problem(file, "holds neither a JWKS document nor a PEM '-----BEGIN PUBLIC KEY-----' block");
        }
        return keys;
    }

    private static PublicJsonWebKey publicKey(Path file, int number, String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw problem(file, "PEM block " + number + " is not valid base64");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (InvalidKeySpecException e) {
                continue; // not this algorithm
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM cannot read " + algorithm + " keys", e);
            }
            try {
                return PublicJsonWebKey.Factory.newPublicJwk(key);
            } catch (JoseException e) {
                throw problem(file, "PEM block " + number + " is an " + algorithm + " key jose4j cannot use: "
                        + e.getMessage());
            }
        }
        throw problem(file, "PEM block " + number + " is neither an RSA nor an EC public key");
    }

    private static IllegalStateException problem(Path file, String what) {
        return new IllegalStateException(PROPERTY + " " + file + " " + what);
    }
}
