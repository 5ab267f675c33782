package tokenstream.ingest.upstream.anthropic;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** Anthropic's Messages API, used when {@code tokenstream.ingest.upstream=anthropic}. */
@ConfigMapping(prefix = "tokenstream.ingest.anthropic")
public interface AnthropicConfig {

    /** Base URL up to and including the version, e.g. {@code https://api.anthropic.com/v1}; {@code /messages} is appended. */
    String baseUrl();

    /** Sent as {@code x-api-key}; by default from the environment variable {@code ANTHROPIC_API_KEY}. Never logged. */
    Optional<String> apiKey();

    /** The {@code anthropic-version} header: the version of the API's wire format this client reads. */
    String version();

    /** The model asked for when a request names none (or names ingest's default model). */
    Optional<String> model();

    /** {@code max_tokens} when the request gives none: the Messages API requires one. */
    int defaultMaxTokens();

    /** How long connecting to the API may take. */
    Duration connectTimeout();
}
