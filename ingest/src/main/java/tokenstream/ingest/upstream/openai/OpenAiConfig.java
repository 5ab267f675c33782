package tokenstream.ingest.upstream.openai;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/**
 * An OpenAI-compatible Chat Completions server (OpenAI, vLLM, Ollama, llama.cpp server, ...), used when
 * {@code tokenstream.ingest.upstream=openai}.
 */
@ConfigMapping(prefix = "tokenstream.ingest.openai")
public interface OpenAiConfig {

    /** Base URL up to and including the version, e.g. {@code https://api.openai.com/v1}; {@code /chat/completions} is appended. */
    String baseUrl();

    /** Sent as {@code Authorization: Bearer ...}; by default from the environment variable {@code OPENAI_API_KEY}. */
    Optional<String> apiKey();

    /** The model asked for when a request names none (or names ingest's default model). */
    Optional<String> model();

    /** How long connecting to the server may take. */
    Duration connectTimeout();
}
