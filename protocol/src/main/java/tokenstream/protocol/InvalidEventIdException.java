package tokenstream.protocol;

/** A string that is not an event id this protocol version issued (malformed, tampered or foreign). */
public class InvalidEventIdException extends IllegalArgumentException {
    public InvalidEventIdException(String message) {
        super(message);
    }
}
