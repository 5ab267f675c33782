package tokenstream.ingest.generation;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How generations are started and ended. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface GenerationConfig {

    /** Name of the model upstream to use ({@code simulator}). */
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
}
