package tokenstream.protocol;

/** An event type outside the vocabulary a producer may write ({@link EventTypes#checkProducible(String)}). */
public class InvalidEventTypeException extends MalformedEventException {
    public InvalidEventTypeException(String message) {
        super(message);
    }
}
