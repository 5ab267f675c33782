package tokenstream.ingest.upstream;

/**
 * A source of model output: the built-in simulator today, an OpenAI-compatible streaming client later.
 * Selected by {@code tokenstream.ingest.upstream}.
 */
public interface ModelUpstream {

    /** The name this upstream is selected by. */
    String name();

    /**
     * Refuses a request this upstream cannot serve before anything is written for it.
     *
     * @throws InvalidGenerationRequestException naming the problem
     */
    default void validate(GenerationRequest request) {
    }

    /**
     * Starts generating; output goes to the listener asynchronously. Must not block for the generation.
     *
     * @return a handle that stops the generation
     */
    UpstreamStream open(GenerationRequest request, UpstreamListener listener);
}
