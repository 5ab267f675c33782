package tokenstream.relay.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import tokenstream.protocol.TraceContext;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One stream's first deliveries: a span per response, not per token, when the first record of a response is written
 * to this client. Its parent is the record's {@code traceparent} (ingest's span for the response's chunks-topic
 * writes), so it lands in the trace of the start; it begins at the record's Kafka timestamp and ends when the
 * record is written, so its length is the time from ingest's write to this client. A record without a valid
 * {@code traceparent} makes no span.
 */
final class TracedStreamDeliveries implements StreamDeliveries {
    static final AttributeKey<Long> DELIVERY_DELAY_MS = AttributeKey.longKey("tokenstream.delivery_delay_ms");

    private final Tracer tracer;
    private final String conversationId;
    private final SpanContext streamRequest;
    private String lastResponseId;

    TracedStreamDeliveries(Tracer tracer, String conversationId, SpanContext streamRequest) {
        this.tracer = tracer;
        this.conversationId = conversationId;
        this.streamRequest = streamRequest;
    }

    @Override
    public void written(List<ChunkRecord> batch) {
        for (int i = 0; i < batch.size(); i++) {
            ChunkRecord record = batch.get(i);
            String responseId = record.responseId();
            // A conversation's responses follow each other on the stream: a new id is a response's first delivery.
            if (responseId != null && !responseId.equals(lastResponseId)) {
                lastResponseId = responseId;
                firstDelivery(record);
            }
        }
    }

    private void firstDelivery(ChunkRecord record) {
        if (record.traceparent() == null) {
            return;
        }
        TraceContext trace = TraceContext.of(new String(record.traceparent(), StandardCharsets.UTF_8), null);
        if (trace == null) {
            return;
        }
        SpanContext parent = SpanContext.createFromRemoteParent(trace.traceId(), trace.parentSpanId(),
                trace.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        long now = System.currentTimeMillis();
        long writtenAt = Math.min(record.timestampMillis(), now);
        SpanBuilder builder = tracer.spanBuilder("first delivery")
                .setParent(Context.root().with(Span.wrap(parent)))
                .setSpanKind(SpanKind.CONSUMER)
                .setStartTimestamp(writtenAt, TimeUnit.MILLISECONDS)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("tokenstream.conversation_id", conversationId)
                .setAttribute("tokenstream.response_id", record.responseId())
                .setAttribute("tokenstream.event_id", record.eventId().encode())
                .setAttribute("tokenstream.event_type", record.eventType())
                .setAttribute(DELIVERY_DELAY_MS, now - writtenAt);
        if (streamRequest != null) {
            builder.addLink(streamRequest);
        }
        builder.startSpan().end(now, TimeUnit.MILLISECONDS);
    }
}
