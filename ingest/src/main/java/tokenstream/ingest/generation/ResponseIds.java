package tokenstream.ingest.generation;

import java.security.SecureRandom;
import java.util.HexFormat;

/** New response ids: {@code resp_} and 128 random bits in hex, unguessable and collision-free in practice. */
final class ResponseIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponseIds() {
    }

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "resp_" + HexFormat.of().formatHex(bits);
    }
}
