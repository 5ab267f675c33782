package tokenstream.ingest.output;

/** Why a response's output was refused: becomes its {@code response.failed}. */
public record OutputFailure(String code, String message) {
}
