package tokenstream.ingest.upstream;

/** A generation request the selected upstream cannot serve, for example an option out of range. */
public class InvalidGenerationRequestException extends RuntimeException {
    public InvalidGenerationRequestException(String message) {
        super(message);
    }
}
