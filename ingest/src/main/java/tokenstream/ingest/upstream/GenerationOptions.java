package tokenstream.ingest.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The generation options of a request. The common ones are typed; {@code raw} keeps every option as
 * sent so that an upstream can pass on the ones it knows (temperature, top_p, ...).
 *
 * @param maxTokens       {@code max_tokens}, if given
 * @param seed            {@code seed}, if given
 * @param tokensPerSecond {@code tokens_per_second}, if given (the simulator's pace)
 * @param raw             all options as sent, never null
 */
public record GenerationOptions(Integer maxTokens, Long seed, Double tokensPerSecond, ObjectNode raw) {

    public Optional<Integer> maxTokensIfSet() {
        return Optional.ofNullable(maxTokens);
    }

    public OptionalLong seedIfSet() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    public Optional<Double> tokensPerSecondIfSet() {
        return Optional.ofNullable(tokensPerSecond);
    }
}
