package tokenstream.protocol;

/**
 * The stable {@code code} values of {@code response.failed} written by ingest, and the cancel reasons it
 * writes on its own initiative. Clients and consumers may branch on them; they never change meaning.
 */
public final class FailureCodes {
    /** The model upstream answered with an HTTP error, reset the connection or ended the stream early. */
    public static final String UPSTREAM_ERROR = "upstream_error";
    /**
     * The model upstream said it is overloaded (Anthropic's {@code overloaded_error}, before or during the stream, or
     * HTTP 529): worth retrying later.
     */
    public static final String UPSTREAM_OVERLOADED = "upstream_overloaded";
    /** The model upstream refused the call for its rate limit (HTTP 429, Anthropic's {@code rate_limit_error}). */
    public static final String UPSTREAM_RATE_LIMITED = "upstream_rate_limited";
    /**
     * The model upstream refused ingest's credentials (HTTP 401 or 403, Anthropic's {@code authentication_error} or
     * {@code permission_error}): an operator must fix the configured API key.
     */
    public static final String UPSTREAM_UNAUTHORIZED = "upstream_unauthorized";
    /** The upstream produced nothing for the configured stall timeout. */
    public static final String UPSTREAM_STALLED = "upstream_stalled";
    /** The response grew beyond the configured maximum output size. */
    public static final String OUTPUT_TOO_LARGE = "output_too_large";
    /** A JSON-mode response stopped being valid JSON, or broke its JSON Schema. */
    public static final String INVALID_JSON = "invalid_json";
    /** A tool call's arguments were not valid JSON, or broke the tool's parameter schema. */
    public static final String INVALID_TOOL_ARGUMENTS = "invalid_tool_arguments";
    /** Ingest shut down while the response was in progress. */
    public static final String SHUTDOWN = "shutdown";
    /** An event of the response could not be written to Kafka. */
    public static final String KAFKA_WRITE_FAILED = "kafka_write_failed";
    /**
     * The ingest instance running a generation stopped (crashed, killed) before writing its terminal event; written
     * by the audit consumers once the response has had no event for their abandon timeout.
     */
    public static final String INGEST_LOST = "ingest_lost";
    /**
     * The gateway pushing a response sent no event for the idle timeout and never ended it; written by ingest (its
     * push idle timer) or, when that ingest instance is gone too, by the audit consumers' abandon sweep.
     */
    public static final String PRODUCER_TIMEOUT = "producer_timeout";
    /** The generation ran for longer than the configured maximum generation duration; the upstream was stopped. */
    public static final String MAX_DURATION = "max_duration";

    /** Cancel reason when nobody watched the response for its grace period. */
    public static final String REASON_UNWATCHED = "unwatched";
    /** Cancel reason when the cancel request named none. */
    public static final String REASON_REQUESTED = "requested";

    private FailureCodes() {
    }
}
