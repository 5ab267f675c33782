package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One running response after its {@code response.started}: turns upstream output into chunk events with
 * consecutive seqs and makes sure the response gets exactly one terminal event.
 *
 * <p>Every event is numbered and handed to the writer under this object's lock, so the writer receives a
 * response's events in seq order whatever thread the upstream calls from; the producer keeps that order.
 */
final class Generation implements UpstreamListener {
    private static final Logger LOG = Logger.getLogger(Generation.class);

    private final String conversationId;
    private final String responseId;
    private final ChunkWriter writer;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private long nextSeq = 1;
    private boolean terminalWritten;
    private UpstreamStream upstream;

    Generation(String conversationId, String responseId, ChunkWriter writer) {
        this.conversationId = conversationId;
        this.responseId = responseId;
        this.writer = writer;
    }

    String responseId() {
        return responseId;
    }

    /** Completes once the terminal event has been acknowledged, or has failed to be written. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    synchronized void attach(UpstreamStream stream) {
        upstream = stream;
        if (terminalWritten) {
            stream.cancel();
        }
    }

    @Override
    public synchronized void onTextDelta(String text) {
        if (!terminalWritten) {
            emit(new ChunkEvent.TextDelta(conversationId, responseId, nextSeq++, Instant.now(), text));
        }
    }

    @Override
    public synchronized void onToolCall(String callId, String name, JsonNode arguments) {
        if (!terminalWritten) {
            emit(new ChunkEvent.ToolCall(conversationId, responseId, nextSeq++, Instant.now(), callId, name, arguments));
        }
    }

    @Override
    public synchronized void onCompleted(String finishReason, Usage usage) {
        if (!terminalWritten) {
            finish(new ChunkEvent.ResponseCompleted(conversationId, responseId, nextSeq++, Instant.now(),
                    finishReason, usage));
        }
    }

    @Override
    public synchronized void onError(String message, Throwable cause) {
        if (!terminalWritten) {
            LOG.warnf(cause, "upstream failed for response %s: %s", responseId, message);
            finish(failed("upstream_error", message));
        }
    }

    /** Stops the upstream and ends the response with {@code response.failed}, unless it has ended already. */
    synchronized void abort(String code, String message) {
        if (terminalWritten) {
            return;
        }
        if (upstream != null) {
            upstream.cancel();
        }
        finish(failed(code, message));
    }

    private void emit(ChunkEvent event) {
        writer.write(event).whenComplete((position, error) -> {
            if (error != null) {
                // Not on the producer's I/O thread: aborting writes another record.
                CompletableFuture.runAsync(() -> writeFailed(event, error));
            }
        });
    }

    private void writeFailed(ChunkEvent event, Throwable error) {
        LOG.errorf(error, "could not write seq %d of response %s; ending it", event.seq(), responseId);
        abort("kafka_write_failed", "seq " + event.seq() + " could not be written to Kafka: " + error.getMessage());
    }

    private void finish(ChunkEvent terminal) {
        terminalWritten = true;
        writer.write(terminal).whenComplete((position, error) -> {
            if (error != null) {
                LOG.errorf(error, "terminal event %s (seq %d) of response %s could not be written",
                        terminal.typeName(), terminal.seq(), responseId);
            }
            ended.complete(null);
        });
    }

    private ChunkEvent.ResponseFailed failed(String code, String message) {
        return new ChunkEvent.ResponseFailed(conversationId, responseId, nextSeq++, Instant.now(), code, message);
    }
}
