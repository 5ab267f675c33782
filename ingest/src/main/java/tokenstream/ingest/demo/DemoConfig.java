package tokenstream.ingest.demo;

import io.smallrye.config.ConfigMapping;

/**
 * The anonymous demo's fixed terms: starts made with only the {@code demo} grant (the relay signs them) get this
 * length and pace whatever they ask for, run only on the simulator unless allowed otherwise, and only so many at once.
 */
@ConfigMapping(prefix = "tokenstream.demo")
public interface DemoConfig {

    /** Demo starts on an upstream other than the simulator (a paid model) only when this is true. */
    boolean allowRealUpstream();

    /** Demo generations this instance runs at once; above it a demo start is refused with 429. */
    int maxOpenGenerations();

    /** Every demo answer's {@code max_tokens}. */
    int maxTokens();

    /** Every demo answer's {@code tokens_per_second}. */
    double tokensPerSecond();
}
