package tokenstream.servicekit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HS256 secret the services share, read the same way everywhere: from {@code tokenstream.security.jwt-secret-file}
 * (the file's text, trimmed) or {@code tokenstream.security.jwt-secret}. Whether a service may run without one is
 * {@link TokenKeys}' decision: public keys can stand in for it when verifying, never when signing.
 */
public final class SharedSecret {
    /** HS256 needs a key at least as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private SharedSecret() {
    }

    /** Empty when neither property is set; a set but unreadable or too short secret stops the start. */
    public static Optional<byte[]> load(Optional<Path> file, Optional<String> value) {
        byte[] secret;
        if (file.isPresent()) {
            try {
                secret = Files.readString(file.get()).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("tokenstream.security.jwt-secret-file cannot be read: " + e.getMessage());
            }
        } else if (value.isPresent()) {
            secret = value.get().getBytes(StandardCharsets.UTF_8);
        } else {
            return Optional.empty();
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("the HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return Optional.of(secret);
    }
}
