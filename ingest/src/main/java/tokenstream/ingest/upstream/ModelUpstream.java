package tokenstream.ingest.upstream;

import java.time.Duration;
import java.util.Optional;

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
     * The least time this upstream will take for the request, when its options fix it (the simulator's
     * {@code max_tokens / tokens_per_second}); empty when only the model knows. A start that cannot finish within
     * the maximum generation duration is refused instead of being cut off.
     */
    default Optional<Duration> plannedDuration(GenerationRequest request) {
        return Optional.empty();
    }

    /**
     * Starts generating; output goes to the listener asynchronously. Must not block for the generation.
     *
     * @return a handle that stops the generation
     */
    UpstreamStream open(GenerationRequest request, UpstreamListener listener);
}
