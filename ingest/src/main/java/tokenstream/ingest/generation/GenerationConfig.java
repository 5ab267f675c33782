package tokenstream.ingest.generation;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How generations are started, watched and ended. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface GenerationConfig {

    /** Name of the model upstream to use ({@code simulator} or {@code openai}). */
    String upstream();

    /** Model name recorded when a request names none. */
    String defaultModel();

    /** Base URL of the relay, used to build {@code stream_url}. */
    String relayUrl();

    /**
     * Prompts up to this many characters are copied into the {@code response.started} metadata so that
     * a reader of the topic sees what was asked; longer ones are recorded by length only, to keep huge
     * prompts (and whatever private data they hold) out of every replica and consumer of the topic.
     */
    int promptEchoMaxChars();

    /** How long shutdown waits for the {@code response.failed} events of in-flight generations. */
    Duration shutdownGrace();

    /** A generation whose upstream produced nothing for this long fails with {@code upstream_stalled}. */
    Duration stallTimeout();

    /**
     * The longest a generation may run, wall clock, from its start: then it fails with {@code max_duration} and the
     * upstream is stopped. Tokens arriving never extend it, so a slow trickle cannot hold a slot for days.
     */
    Duration maxGenerationDuration();

    /** Generations this instance runs at once; above it a start is refused with 429. */
    int maxConcurrentGenerations();

    /** How many ended responses this instance remembers, so that a late cancel learns how they ended. */
    int endedResponsesRemembered();
}
