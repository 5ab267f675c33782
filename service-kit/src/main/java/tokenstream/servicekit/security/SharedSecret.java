package tokenstream.servicekit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HS256 secret the services share, read the same way everywhere: from {@code tokenstream.security.jwt-secret-file}
 * (the file's text, trimmed) or {@code tokenstream.security.jwt-secret}; a service with security on and no usable
 * secret refuses to start, saying which property is missing.
 */
public final class SharedSecret {
    /** HS256 needs a key at least as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private SharedSecret() {
    }

    public static byte[] load(Optional<Path> file, Optional<String> value) {
        byte[] secret;
        if (file.isPresent()) {
            try {
                secret = Files.readString(file.get()).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("tokenstream.security.jwt-secret-file cannot be read: " + e.getMessage());
            }
        } else {
            secret = value.orElseThrow(() -> new IllegalStateException(
                    "tokenstream.security.enabled=true needs tokenstream.security.jwt-secret-file or jwt-secret"
                            + " (or set tokenstream.security.enabled=false explicitly)"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("the HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }
}
