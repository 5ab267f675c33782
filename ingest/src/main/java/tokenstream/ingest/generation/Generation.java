package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.output.OutputFailure;
import tokenstream.ingest.output.OutputGuard;
import tokenstream.ingest.output.OutputRules;
import tokenstream.ingest.tracing.ResponseLogContext;
import tokenstream.ingest.tracing.ResponseTrace;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.Usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One running response after its {@code response.started}: turns upstream output into chunk events with
 * consecutive seqs, holds it to its {@link OutputGuard}, and makes sure the response gets exactly one
 * terminal event, whoever ends it (the upstream, a guard failure, a cancel, the watchdog, shutdown).
 *
 * <p>Every event is numbered and handed to the writer under this object's lock, so the writer receives a
 * response's events in seq order whatever thread calls; the producer keeps that order. Whatever ends the
 * response early stops the upstream first, so the model stops spending tokens.
 */
final class Generation implements UpstreamListener {
    private static final Logger LOG = Logger.getLogger(Generation.class);

    /** How a cancel request went. */
    enum CancelResult { CANCELLED, ALREADY_CANCELLED, ALREADY_ENDED }

    private final String conversationId;
    private final String responseId;
    private final ChunkWriter writer;
    private final OutputGuard guard;
    private final Duration unwatchedGrace;
    private final ResponseTrace trace;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<EventId> terminalPosition = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile long lastOutputNanos = startedNanos;
    private volatile long lastPresenceNanos = System.nanoTime();
    private long nextSeq = 1;
    private boolean outputSeen;
    private ChunkEvent terminal;
    private UpstreamStream upstream;

    Generation(String conversationId, String responseId, ChunkWriter writer, OutputGuard guard, Duration unwatchedGrace) {
        this(conversationId, responseId, writer, guard, unwatchedGrace, ResponseTrace.NONE);
    }

    Generation(String conversationId, String responseId, ChunkWriter writer, OutputGuard guard, Duration unwatchedGrace,
               ResponseTrace trace) {
        this.trace = trace;
        this.conversationId = conversationId;
        this.responseId = responseId;
        this.writer = writer;
        this.guard = guard;
        this.unwatchedGrace = unwatchedGrace;
    }

    Generation(String conversationId, String responseId, ChunkWriter writer) {
        this(conversationId, responseId, writer, new OutputGuard(OutputRules.PLAIN, Long.MAX_VALUE), null);
    }

    String conversationId() {
        return conversationId;
    }

    String responseId() {
        return responseId;
    }

    /** Completes once the terminal event has been acknowledged, or has failed to be written. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** The position of the terminal event once it is acknowledged. */
    CompletableFuture<EventId> terminalPosition() {
        return terminalPosition;
    }

    /** The terminal event, once there is one. */
    synchronized Optional<ChunkEvent> terminal() {
        return Optional.ofNullable(terminal);
    }

    synchronized void attach(UpstreamStream stream) {
        upstream = stream;
        if (terminal != null) {
            stream.cancel();
        }
    }

    @Override
    public synchronized void onTextDelta(String text) {
        if (terminal != null) {
            return;
        }
        outputArrived();
        Optional<OutputFailure> failure = guard.text(text);
        if (failure.isPresent()) {
            stopWith(failure.get());
        } else {
            emit(new ChunkEvent.TextDelta(conversationId, responseId, nextSeq++, Instant.now(), text));
        }
    }

    @Override
    public synchronized void onToolCall(String callId, String name, JsonNode arguments) {
        if (terminal != null) {
            return;
        }
        outputArrived();
        Optional<OutputFailure> failure = guard.wholeToolCall(arguments.toString());
        if (failure.isPresent()) {
            stopWith(failure.get());
        } else {
            emit(new ChunkEvent.ToolCall(conversationId, responseId, nextSeq++, Instant.now(), callId, name, arguments));
        }
    }

    @Override
    public synchronized void onToolCallFragment(int index, String callId, String name, String argumentsFragment) {
        if (terminal != null) {
            return;
        }
        outputArrived();
        apply(guard.toolCallFragment(index, callId, name, argumentsFragment));
    }

    @Override
    public synchronized void onToolCallEnd(int index) {
        if (terminal != null) {
            return;
        }
        lastOutputNanos = System.nanoTime();
        apply(guard.toolCallEnd(index));
    }

    @Override
    public synchronized void onThinkingDelta(String text) {
        if (terminal != null) {
            return;
        }
        lastOutputNanos = System.nanoTime();
        Optional<OutputFailure> failure = guard.thinking(text);
        if (failure.isPresent()) {
            stopWith(failure.get());
        } else {
            emit(new ChunkEvent.ThinkingDelta(conversationId, responseId, nextSeq++, Instant.now(), text));
        }
    }

    @Override
    public synchronized void onCompleted(String finishReason, Usage usage) {
        if (terminal != null) {
            return;
        }
        if (apply(guard.complete())) {
            finish(new ChunkEvent.ResponseCompleted(conversationId, responseId, nextSeq++, Instant.now(), finishReason, usage));
        }
    }

    @Override
    public synchronized void onFailed(String code, String message, Throwable cause) {
        if (terminal == null) {
            try (var logged = ResponseLogContext.of(trace)) {
                LOG.warnf(cause, "upstream failed for response %s (%s): %s", responseId, code, message);
            }
            finish(failed(code, message));
        }
    }

    /** Stops the upstream and ends the response with {@code response.failed}, unless it has ended already. */
    synchronized void abort(String code, String message) {
        if (terminal != null) {
            return;
        }
        stopUpstream();
        finish(failed(code, message));
    }

    /** Stops the upstream and ends the response with {@code response.cancelled}; idempotent. */
    synchronized CancelResult cancel(String reason) {
        if (terminal != null) {
            return terminal instanceof ChunkEvent.ResponseCancelled ? CancelResult.ALREADY_CANCELLED : CancelResult.ALREADY_ENDED;
        }
        stopUpstream();
        finish(new ChunkEvent.ResponseCancelled(conversationId, responseId, nextSeq++, Instant.now(), reason));
        return CancelResult.CANCELLED;
    }

    /** A relay reported a client watching this response. */
    void presenceSeen() {
        lastPresenceNanos = System.nanoTime();
    }

    /**
     * Ends the response if it ran for longer than {@code maxDuration}, if the upstream stalled, or if nobody watched
     * it for its grace period.
     */
    void checkLiveness(long nowNanos, Duration stallTimeout, Duration maxDuration) {
        if (nowNanos - startedNanos > maxDuration.toNanos()) {
            try (var logged = ResponseLogContext.of(trace)) {
                LOG.infof("response %s ran for longer than %s; ending it", responseId, maxDuration);
            }
            abort(FailureCodes.MAX_DURATION, "the generation ran for longer than the maximum generation duration of "
                    + maxDuration.toMillis() + " ms (tokenstream.ingest.max-generation-duration)");
        } else if (nowNanos - lastOutputNanos > stallTimeout.toNanos()) {
            abort(FailureCodes.UPSTREAM_STALLED, "the upstream produced nothing for " + stallTimeout.toMillis() + " ms");
        } else if (unwatchedGrace != null && nowNanos - lastPresenceNanos > unwatchedGrace.toNanos()) {
            if (cancel(FailureCodes.REASON_UNWATCHED) == CancelResult.CANCELLED) {
                try (var logged = ResponseLogContext.of(trace)) {
                    LOG.infof("cancelled response %s: nobody watched it for %s", responseId, unwatchedGrace);
                }
            }
        }
    }

    /** Writes the tool calls a step completed, or ends the response with its failure; false if it ended. */
    private boolean apply(OutputGuard.Step step) {
        if (step.failure().isPresent()) {
            stopWith(step.failure().get());
            return false;
        }
        for (OutputGuard.ToolCall call : step.toolCalls()) {
            emit(new ChunkEvent.ToolCall(conversationId, responseId, nextSeq++, Instant.now(), call.callId(), call.name(),
                    call.arguments()));
        }
        return true;
    }

    private void outputArrived() {
        lastOutputNanos = System.nanoTime();
        if (!outputSeen) {
            outputSeen = true;
            trace.firstOutput();
        }
    }

    private void stopWith(OutputFailure failure) {
        try (var logged = ResponseLogContext.of(trace)) {
            LOG.infof("response %s refused: %s", responseId, failure.message());
        }
        stopUpstream();
        finish(failed(failure.code(), failure.message()));
    }

    private void stopUpstream() {
        if (upstream != null) {
            upstream.cancel();
        }
    }

    private void emit(ChunkEvent event) {
        writer.write(event, trace.headers()).whenComplete((position, error) -> {
            if (error != null) {
                // Not on the producer's I/O thread: aborting writes another record.
                CompletableFuture.runAsync(() -> writeFailed(event, error));
            }
        });
    }

    private synchronized void writeFailed(ChunkEvent event, Throwable error) {
        try (var logged = ResponseLogContext.of(trace)) {
            LOG.errorf(error, "could not write seq %d of response %s; ending it", event.seq(), responseId);
        }
        if (terminal != null) {
            return;
        }
        // The idempotent producer fails every later in-flight write of the partition too, so the failure takes
        // the first unwritten seq: the response on the topic stays gap-free.
        nextSeq = Math.min(nextSeq, event.seq());
        abort(FailureCodes.KAFKA_WRITE_FAILED, "seq " + event.seq() + " could not be written to Kafka: " + error.getMessage());
    }

    private void finish(ChunkEvent terminalEvent) {
        terminal = terminalEvent;
        writer.write(terminalEvent, trace.headers()).whenComplete((position, error) -> {
            trace.ended(terminalEvent, error);
            if (error != null) {
                try (var logged = ResponseLogContext.of(trace)) {
                    LOG.errorf(error, "terminal event %s (seq %d) of response %s could not be written",
                            terminalEvent.typeName(), terminalEvent.seq(), responseId);
                }
                terminalPosition.completeExceptionally(error);
            } else {
                terminalPosition.complete(position);
            }
            ended.complete(null);
        });
    }

    private ChunkEvent.ResponseFailed failed(String code, String message) {
        return new ChunkEvent.ResponseFailed(conversationId, responseId, nextSeq++, Instant.now(), code, message);
    }
}
