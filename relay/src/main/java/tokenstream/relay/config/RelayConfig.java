package tokenstream.relay.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the relay; every property is documented in the README. */
@ConfigMapping(prefix = "tokenstream.relay")
public interface RelayConfig {

    /** Name of the chunks topic to serve. */
    @WithDefault("tokenstream.chunks")
    String chunksTopic();

    /** Interval of the SSE keep-alive comment, so proxies do not cut idle streams. */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * How long a client's events are held back after a write so that those arriving meanwhile share the next
     * write; a client that was not written to within this window gets its next event at once. 0 turns it off.
     */
    @WithDefault("5ms")
    Duration writeCoalescingWindow();

    /** The {@code retry:} hint sent to EventSource clients, in milliseconds. */
    @WithDefault("2000")
    long retryMillis();

    /** How far back the shared tail starts reading at start, so in-progress responses are known. */
    @WithDefault("5m")
    Duration warmup();

    /** Events queued for one client before it counts as slow and is told to reconnect. */
    @WithDefault("4096")
    int clientQueueCapacity();

    /** Kafka consumers that serve resumes from positions behind the shared tail. */
    @WithDefault("4")
    int catchUpReaders();

    /** Resumes waiting for a catch-up reader before new ones are refused with 503. */
    @WithDefault("10000")
    int catchUpQueueLimit();

    /** Memory for the recent-events window that serves resumes without Kafka, split across partitions. */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize windowMaxBytes();

    /** Records older than this leave the recent-events window; older resumes read Kafka. */
    @WithDefault("5m")
    Duration windowMaxAge();

    /** Base URL of ingest, to which the relay forwards generation requests of the demo page. */
    @WithDefault("http://localhost:8081")
    String ingestUrl();

    /**
     * How often the relay reports, on the control topic, the in-progress responses of the conversations it
     * has clients for; ingest cancels responses that asked for it when reports stop.
     */
    @WithDefault("2s")
    Duration presenceInterval();
}
