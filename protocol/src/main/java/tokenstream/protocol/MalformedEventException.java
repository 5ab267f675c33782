package tokenstream.protocol;

/** Bytes that are not a valid {@link ChunkEvent}: not JSON, or missing or mistyped required fields. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
