package tokenstream.consumers;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Configuration of the audit consumers; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "tokenstream.consumers")
public interface ConsumersConfig {

    /** Names of the topics the topology reads and writes. */
    TopicNames topics();

    /**
     * An in-progress response with no event for this long (wall clock) gets a terminal {@code response.failed}
     * ({@code ingest_lost} or {@code producer_timeout}) on the chunks topic; longer than ingest's push idle timeout,
     * so that ingest, when alive, ends the response first.
     */
    Duration abandonAfter();

    /** The most seqs one response may be missing at once; an event that would open more is dead-lettered. */
    int maxGaps();

    /**
     * The largest audit record value published (bytes); a response beyond it is recorded
     * {@code failed}/{@code output_too_large} with its text truncated. Below the producer's {@code max.request.size}.
     */
    int maxRecordBytes();

    /** How often open responses are checked against {@link #abandonAfter()}. */
    Duration abandonCheckInterval();

    /** Size of the tumbling windows of the per-model statistics, placed by response start time. */
    Duration statsWindow();

    /**
     * How long a read waits for another consumers instance that holds part of the answer (the owner of a
     * conversation's partition, or a share of the statistics) before it answers 503.
     */
    Duration peerTimeout();

    /** Paging of {@code GET /v1/conversations/{cid}/transcript}. */
    Transcript transcript();

    interface TopicNames {
        /** Every event of every response; key = conversation id. */
        String chunks();

        /** One assembled response per response id; compacted. */
        String responses();

        /** Chunk records that are not valid events. */
        String deadLetter();

        /** Per-model statistics per window; key = {@code model@window-start}; compacted, created if missing. */
        String responseStats();
    }

    interface Transcript {
        /** Responses per page when {@code page_size} is not given. */
        int defaultPageSize();

        /** The largest {@code page_size} accepted. */
        int maxPageSize();
    }
}
