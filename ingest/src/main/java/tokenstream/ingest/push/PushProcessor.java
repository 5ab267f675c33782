package tokenstream.ingest.push;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.kafka.KafkaAvailability;
import tokenstream.ingest.output.OutputConfig;
import tokenstream.ingest.output.OutputGuard;
import tokenstream.ingest.tracing.ResponseTracing;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import tokenstream.ingest.security.InputLimits;
import java.util.Map;

/**
 * Applies a gateway push to a response: writes the events that continue it in seq order, skips repeats,
 * and stops at the first line that cannot be accepted, after everything before it is acknowledged. A line that
 * would take the response past the maximum response size also ends the response ({@code output_too_large}), so
 * that its viewers get a terminal event although the gateway can never finish it.
 */
@ApplicationScoped
public class PushProcessor {
    private static final Logger LOG = Logger.getLogger(PushProcessor.class);

    private final ChunkWriter writer;
    private final ResponseProgressTracker tracker;
    private final PushConfig config;
    private static final String RESPONSE_TOO_LARGE = "response_too_large";
    private static final String SEQ_GAP = "seq_gap";

    private final long ackTimeoutMillis;
    private final InputLimits limits;
    private final long maxResponseBytes;
    private final KafkaAvailability kafka;
    private final LogProgressReader logProgress;
    private final ResponseTracing tracing;

    public PushProcessor(ChunkWriter writer, ResponseProgressTracker tracker, PushConfig config,
                         ChunkWriterConfig writerConfig, InputLimits limits, OutputConfig output,
                         KafkaAvailability kafka, LogProgressReader logProgress, ResponseTracing tracing) {
        this.tracing = tracing;
        this.logProgress = logProgress;
        this.limits = limits;
        this.maxResponseBytes = output.maxResponseBytes();
        this.kafka = kafka;
        this.writer = writer;
        this.tracker = tracker;
        this.config = config;
        this.ackTimeoutMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
    }

    /**
     * @param claimedAt when the response id was claimed, if before this push: then other instances may have
     *                  written events of it, and the chunks log says how far it got
     * @throws ApiException for the first rejected line (with what was accepted before it), or 503 if Kafka
     *                      did not acknowledge an accepted event
     */
    PushResult push(String conversationId, String responseId, List<byte[]> lines, Optional<Instant> claimedAt) {
        ResponseProgress progress = tracker.of(responseId);
        // Any push, a refused one too, shows that the producer is still there: its response is not idle.
        progress.lastEventNanos = System.nanoTime();
        kafka.requireAvailable();
        PushLineParser parser = new PushLineParser(conversationId, responseId, config.maxLineBytes());
        progress.lock.lock();
        try {
            // After a write that may or may not have reached the log, only the log can tell which lines are repeats.
            logProgress.settle(progress);
            // Another instance may have taken the response further: the log, not this instance's memory, decides.
            boolean caughtUp = false;
            if (claimedAt.isPresent() && !progress.known()) {
                catchUp(progress, conversationId, claimedAt.get());
                caughtUp = true;
            }
            // The records of a push name the push request's span: their readers' spans join the gateway's trace.
            PushBatch batch = new PushBatch(progress, writer, tracing.current());
            RejectedLine rejected = null;
            for (int i = 0; i < lines.size() && rejected == null; i++) {
                if (NdjsonBody.isBlank(lines.get(i))) {
                    continue;
                }
                try {
                    ChunkEvent event = parser.parse(lines.get(i), i + 1);
                    if (limits.exceedsEventsPerResponse(event.seq())) {
                        throw new RejectedLine(413, "too_many_events", i + 1, "a response holds at most "
                                + limits.maxEventsPerResponse() + " events; seq " + event.seq() + " is beyond it");
                    }
                    apply(event, i + 1, progress, batch);
                } catch (RejectedLine e) {
                    if (e.code.equals(SEQ_GAP) && !caughtUp && claimedAt.isPresent() && batch.size() == 0) {
                        caughtUp = true;
                        if (catchUp(progress, conversationId, claimedAt.get())) {
                            i--; // the same line again, against the progress the log shows
                            continue;
                        }
                    }
                    rejected = e;
                }
            }
            int acked = batch.awaitAcks(ackTimeoutMillis);
            PushResult result = new PushResult(acked, batch.duplicates(), progress.known() ? progress.lastSeq : null,
                    progress.lastPosition == null ? null : progress.lastPosition.encode());
            if (acked < batch.size()) {
                LOG.errorf("push to response %s: only %d of %d events were acknowledged by Kafka", responseId,
                        acked, batch.size());
                throw failure(503, "kafka_write_failed", "Kafka did not acknowledge every event; retry from last_seq + 1",
                        Map.of(ApiError.RETRY_AFTER_DETAIL, kafka.retryAfterSeconds()), result);
            }
            if (rejected != null) {
                if (rejected.code.equals(RESPONSE_TOO_LARGE)) {
                    endTooLarge(progress);
                }
                throw failure(rejected.status, rejected.code, rejected.getMessage(), rejected.details, result);
            }
            return result;
        } finally {
            tracker.update(progress);
            progress.lock.unlock();
        }
    }

    private boolean catchUp(ResponseProgress progress, String conversationId, Instant claimedAt) {
        boolean advanced = logProgress.catchUp(progress, conversationId, claimedAt);
        if (advanced) {
            tracker.update(progress);
        }
        return advanced;
    }

    private void endTooLarge(ResponseProgress progress) {
        PushBatch end = new PushBatch(progress, writer);
        end.fail(FailureCodes.OUTPUT_TOO_LARGE, OutputGuard.tooLargeMessage(maxResponseBytes));
        if (end.awaitAcks(ackTimeoutMillis) < 1) {
            LOG.errorf("response %s passed the maximum response size, but its response.failed was not acknowledged;"
                    + " the next push of it tries again", progress.responseId);
        } else {
            LOG.infof("response %s ended with output_too_large: a push passed %d bytes", progress.responseId,
                    maxResponseBytes);
        }
    }

    private void apply(ChunkEvent event, int line, ResponseProgress progress, PushBatch batch) throws RejectedLine {
        if (progress.endedByIngest != null && event.seq() >= progress.lastSeq) {
            // The end took the seq of the producer's next event: that event was refused, not a repeat.
            throw new RejectedLine(409, "response_ended", line, "ingest ended the response with response.failed "
                    + progress.endedByIngest + " at seq " + progress.lastSeq).with("ended_with", progress.endedByIngest);
        }
        if (event.seq() <= progress.lastSeq) {
            batch.duplicate();
            return;
        }
        if (progress.ended) {
            throw new RejectedLine(409, "response_ended", line, "seq " + event.seq()
                    + " comes after the response's terminal event (seq " + progress.lastSeq + ")");
        }
        long expected = progress.lastSeq + 1;
        if (event.seq() != expected) {
            String why = progress.known()
                    ? "expected seq " + expected + ", got " + event.seq()
                    : "response is unknown (no event of it in the chunks log yet), so its first event must be seq 0, got "
                      + event.seq();
            throw new RejectedLine(409, SEQ_GAP, line, why).with("expected_seq", expected).with("got_seq", event.seq());
        }
        boolean started = event instanceof ChunkEvent.ResponseStarted;
        if (expected == 0 && !started) {
            throw new RejectedLine(409, SEQ_GAP, line, "response is unknown (no event of it in the chunks log yet); "
                    + "seq 0 must be "
                    + "response.started, got " + event.typeName()).with("expected_seq", 0L).with("got_seq", event.seq());
        }
        if (expected > 0 && started) {
            throw new RejectedLine(400, "malformed_line", line, "response.started must be seq 0, got seq " + event.seq());
        }
        long size = progress.bytes + ResponseSize.of(event);
        if (size > maxResponseBytes) {
            throw new RejectedLine(413, RESPONSE_TOO_LARGE, line, "this event takes the response to " + size
                    + " bytes of text and tool-call arguments, above the limit of " + maxResponseBytes
                    + " (tokenstream.ingest.max-response-bytes); the response is ended with response.failed "
                    + FailureCodes.OUTPUT_TOO_LARGE).with("limit", maxResponseBytes);
        }
        batch.write(started ? ((ChunkEvent.ResponseStarted) event).withSource(ChunkEvent.ResponseStarted.SOURCE_PUSH) : event);
    }

    private static ApiException failure(int status, String code, String message, Map<String, Object> lineDetails,
                                        PushResult result) {
        Map<String, Object> details = new LinkedHashMap<>(lineDetails);
        details.put("accepted", result.accepted());
        details.put("duplicates", result.duplicates());
        details.put("last_seq", result.lastSeq());
        details.put("last_position", result.lastPosition());
        return new ApiException(new ApiError(status, code, message, details));
    }
}
