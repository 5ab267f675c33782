package tokenstream.ingest.push;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.web.ApiError;
import tokenstream.ingest.web.ApiException;
import tokenstream.protocol.ChunkEvent;

import java.util.LinkedHashMap;
import java.util.List;
import tokenstream.ingest.security.InputLimits;
import java.util.Map;

/**
 * Applies a gateway push to a response: writes the events that continue it in seq order, skips repeats,
 * and stops at the first line that cannot be accepted, after everything before it is acknowledged.
 */
@ApplicationScoped
public class PushProcessor {
    private static final Logger LOG = Logger.getLogger(PushProcessor.class);

    private final ChunkWriter writer;
    private final ResponseProgressTracker tracker;
    private final PushConfig config;
    private final long ackTimeoutMillis;
    private final InputLimits limits;

    public PushProcessor(ChunkWriter writer, ResponseProgressTracker tracker, PushConfig config,
                         ChunkWriterConfig writerConfig, InputLimits limits) {
        this.limits = limits;
        this.writer = writer;
        this.tracker = tracker;
        this.config = config;
        this.ackTimeoutMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
    }

    /**
     * @throws ApiException for the first rejected line (with what was accepted before it), or 503 if Kafka
     *                      did not acknowledge an accepted event
     */
    PushResult push(String conversationId, String responseId, List<byte[]> lines) {
        PushLineParser parser = new PushLineParser(conversationId, responseId, config.maxLineBytes());
        ResponseProgress progress = tracker.of(responseId);
        progress.lock.lock();
        try {
            PushBatch batch = new PushBatch(progress, writer);
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
                        Map.of(), result);
            }
            if (rejected != null) {
                throw failure(rejected.status, rejected.code, rejected.getMessage(), rejected.details, result);
            }
            return result;
        } finally {
            progress.lock.unlock();
        }
    }

    private static void apply(ChunkEvent event, int line, ResponseProgress progress, PushBatch batch) throws RejectedLine {
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
                    : "response is unknown to this ingest instance, so its first event must be seq 0, got "
                      + event.seq();
            throw new RejectedLine(409, "seq_gap", line, why).with("expected_seq", expected).with("got_seq", event.seq());
        }
        boolean started = event instanceof ChunkEvent.ResponseStarted;
        if (expected == 0 && !started) {
            throw new RejectedLine(409, "seq_gap", line, "response is unknown to this ingest instance; seq 0 must be "
                    + "response.started, got " + event.typeName()).with("expected_seq", 0L).with("got_seq", event.seq());
        }
        if (expected > 0 && started) {
            throw new RejectedLine(400, "malformed_line", line, "response.started must be seq 0, got seq " + event.seq());
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
