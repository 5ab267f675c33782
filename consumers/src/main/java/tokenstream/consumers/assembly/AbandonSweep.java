package tokenstream.consumers.assembly;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ResponseStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends every open response of this task that has had no record for {@code abandonAfter} of wall-clock time, so
 * that a crashed producer never leaves a response open: not in the audit, and not for the clients watching it.
 *
 * <p>The sweep <b>writes the terminal event to the chunks topic</b>: {@code response.failed} with seq = last seq + 1
 * and code {@code ingest_lost} when an ingest instance ran the generation ({@code response.started.source} =
 * {@code generation}), {@code producer_timeout} otherwise (a pushed response, or a start that does not say). The
 * relay tails that topic, so every live client sees the response end; the assembly reads the event back like any
 * other and records the response {@code failed} with that code. If the event has not come back after another
 * {@code abandonAfter}, writing is evidently impossible and the response is closed here as {@code abandoned}.
 *
 * <p>Why here: the deadline of every open response lives in a changelogged store of this exactly-once
 * application, so it survives a crash of any ingest instance (the usual producer of that very event) and of this
 * application itself; ingest's own timers are only the fast path.
 *
 * <p>Which clock: stream time (the latest record timestamp the task has read) plus the wall-clock time since it read
 * that record, at most the wall clock (the processor's sweep clock). A task that is behind has not read the events
 * that would keep a response open, so the wall clock alone would end live responses; stream time alone would never
 * end the last response of a quiet partition, and a dead producer is precisely one that writes nothing. A terminal
 * event this sweep wrote anyway, that comes back after the response's own later events, is ignored without counting
 * as a duplicate ({@link #wrote}).
 */
final class AbandonSweep implements Punctuator {
    private static final Logger LOG = Logger.getLogger(AbandonSweep.class);
    private static final String MESSAGE_PREFIX = "no event for ";

    private final ResponseAssemblyProcessor assembly;
    private final KeyValueStore<String, Long> openResponses;
    private final long abandonAfterMillis;

    AbandonSweep(ResponseAssemblyProcessor assembly, KeyValueStore<String, Long> openResponses, Duration abandonAfter) {
        this.assembly = assembly;
        this.openResponses = openResponses;
        this.abandonAfterMillis = abandonAfter.toMillis();
    }

    @Override
    public void punctuate(long now) {
        sweep(now, now);
    }

    /**
     * Ends the responses quiet for the abandon timeout.
     *
     * @param clock   what each response's last record time is compared with (see the processor's sweep clock)
     * @param wallNow the wall clock, for the events written
     */
    void sweep(long clock, long wallNow) {
        long now = wallNow;
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Long> open = openResponses.all()) {
            while (open.hasNext()) {
                KeyValue<String, Long> entry = open.next();
                if (clock - entry.value >= abandonAfterMillis) {
                    quiet.add(entry.key);
                }
            }
        }
        // Keys are ResponseKeys (conversation id/response id): two conversations' "r1" are swept separately.
        for (String responseKey : quiet) {
            AssemblyState current = assembly.state(responseKey);
            if (current == null || current.status() != ResponseStatus.IN_PROGRESS) {
                assembly.forgetOpen(responseKey);
            } else if (!current.terminalWritten()) {
                ChunkEvent.ResponseFailed terminal = terminalEvent(current, abandonAfterMillis, Instant.ofEpochMilli(now));
                LOG.infof("response %s of conversation %s had no event for %d ms after %d events: writing "
                                + "response.failed %s (seq %d) to the chunks topic", current.head().responseId(),
                        current.head().conversationId(), abandonAfterMillis, current.head().eventCount(),
                        terminal.code(), terminal.seq());
                assembly.writeTerminal(current, terminal, now);
            } else {
                LOG.warnf("response %s of conversation %s abandoned: its terminal event, written %d ms ago, never "
                        + "came back from the chunks topic", current.head().responseId(),
                        current.head().conversationId(), abandonAfterMillis);
                assembly.end(ResponseAssembler.abandon(current), now);
            }
        }
    }

    /**
     * Whether {@code event} is one this sweep writes: a {@code response.failed} {@code ingest_lost} or
     * {@code producer_timeout} with the sweep's message (ingest's own {@code producer_timeout} says otherwise).
     */
    static boolean wrote(ChunkEvent event) {
        return event instanceof ChunkEvent.ResponseFailed failed
                && (FailureCodes.INGEST_LOST.equals(failed.code()) || FailureCodes.PRODUCER_TIMEOUT.equals(failed.code()))
                && failed.message() != null && failed.message().startsWith(MESSAGE_PREFIX);
    }

    /** The event that ends a response whose producer went quiet; pure, so it is tested without a broker. */
    static ChunkEvent.ResponseFailed terminalEvent(AssemblyState state, long quietMillis, Instant at) {
        boolean generation = ChunkEvent.ResponseStarted.SOURCE_GENERATION.equals(state.source());
        String seconds = quietMillis % 1000 == 0 ? quietMillis / 1000 + " s" : quietMillis + " ms";
        return new ChunkEvent.ResponseFailed(state.head().conversationId(), state.head().responseId(),
                state.lastSeq() + 1, at,
                generation ? FailureCodes.INGEST_LOST : FailureCodes.PRODUCER_TIMEOUT,
                generation ? MESSAGE_PREFIX + seconds + ": the ingest instance running this generation is gone"
                        : MESSAGE_PREFIX + seconds + " from the producer pushing this response");
    }
}
