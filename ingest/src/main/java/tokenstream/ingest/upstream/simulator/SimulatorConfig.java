package tokenstream.ingest.upstream.simulator;

import io.smallrye.config.ConfigMapping;

/** The built-in simulator's defaults and limits; requests override them through {@code options}. */
@ConfigMapping(prefix = "tokenstream.ingest.simulator")
public interface SimulatorConfig {

    /** Tokens per response when the request gives no {@code max_tokens}. */
    int defaultMaxTokens();

    /** Pace when the request gives no {@code tokens_per_second}. */
    double tokensPerSecond();

    /** The largest {@code max_tokens} a request may ask for. */
    int maxTokensLimit();

    /** The fastest {@code tokens_per_second} a request may ask for. */
    double maxTokensPerSecond();

    /** Threads of the shared timer that emits the tokens of all simulated responses. */
    int timerThreads();
}
