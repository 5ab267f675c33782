package tokenstream.servicekit.security;

import org.jose4j.jwk.PublicJsonWebKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The keys a service verifies tokens with: the HS256 secret shared by the services, public keys (RSA, EC) of an
 * external issuer, or both. Security on with neither stops the start, naming the three properties.
 */
public final class TokenKeys {
    private final byte[] secret;
    private final List<PublicJsonWebKey> publicKeys;

    private TokenKeys(byte[] secret, List<PublicJsonWebKey> publicKeys) {
        this.secret = secret;
        this.publicKeys = List.copyOf(publicKeys);
    }

    /**
     * From {@code tokenstream.security.jwt-secret-file}, {@code jwt-secret} and {@code jwt-public-keys-file}.
     *
     * @throws IllegalStateException when none is set, or one is set but unusable
     */
    public static TokenKeys load(Optional<Path> secretFile, Optional<String> secret, Optional<Path> publicKeysFile) {
        Optional<byte[]> loaded = SharedSecret.load(secretFile, secret);
        List<PublicJsonWebKey> keys = publicKeysFile.map(PublicKeysFile::load).orElse(List.of());
        if (loaded.isEmpty() && keys.isEmpty()) {
            throw new IllegalStateException("tokenstream.security.enabled=true needs tokenstream.security.jwt-secret-file,"
                    + " tokenstream.security.jwt-secret or " + PublicKeysFile.PROPERTY
                    + " (or set tokenstream.security.enabled=false explicitly)");
        }
        return new TokenKeys(loaded.orElse(null), keys);
    }

    /**
     * The secret for a feature that signs tokens: public keys only verify, so such a feature without the secret
     * stops the start.
     *
     * @param feature the setting that turned signing on, e.g. {@code tokenstream.security.issue-client-tokens=true}
     */
    public byte[] signingSecret(String feature) {
        if (secret == null) {
            throw new IllegalStateException(feature + " signs tokens with HS256 and needs"
                    + " tokenstream.security.jwt-secret-file or tokenstream.security.jwt-secret;"
                    + " the keys of " + PublicKeysFile.PROPERTY + " only verify");
        }
        return secret.clone();
    }

    Optional<byte[]> secret() {
        return Optional.ofNullable(secret);
    }

    List<PublicJsonWebKey> publicKeys() {
        return publicKeys;
    }

    @Override
    public String toString() {
        // Never the secret.
        return "TokenKeys[secret=" + (secret != null) + ", publicKeys=" + publicKeys.size() + "]";
    }
}
