package tokenstream.ingest.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.TraceContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Begins the trace of a response inside the request that starts or pushes it. Spans are made per response, never per
 * token: a response of thousands of tokens makes one span for its upstream call and one for its chunks-topic writes.
 */
@ApplicationScoped
public class ResponseTracing {
    static final String CONVERSATION_ID = "tokenstream.conversation_id";
    static final String RESPONSE_ID = "tokenstream.response_id";

    private final Tracer tracer;
    private final String chunksTopic;

    public ResponseTracing(Tracer tracer, ChunkWriterConfig config) {
        this.tracer = tracer;
        this.chunksTopic = config.chunksTopic();
    }

    /**
     * The trace of a response started by the current request, or {@link ResponseTrace#NONE} when the request is not
     * traced (tracing off): the records then carry no trace headers.
     */
    public ResponseTrace begin(String conversationId, String responseId, String model, String upstream) {
        Context request = Context.current();
        if (!Span.fromContext(request).getSpanContext().isValid()) {
            return ResponseTrace.NONE;
        }
        // The writes' span is the one the records name as their parent: the relay's and the consumers' spans of the
        // response hang under it, as a messaging consumer's under its producer.
        Span writes = tracer.spanBuilder("chunks publish")
                .setParent(request)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", chunksTopic)
                .setAttribute(CONVERSATION_ID, conversationId)
                .setAttribute(RESPONSE_ID, responseId)
                .startSpan();
        TraceContext headers = headersOf(request.with(writes));
        if (headers == null) {
            writes.end();
            return ResponseTrace.NONE;
        }
        return new TracedResponse(tracer, request, writes, headers, conversationId, responseId, model, upstream);
    }

    /**
     * The trace context of the current request (a push) for the records it writes, or null when it is not traced.
     * A push writes what its producer made, so the push request's own span is the records' parent.
     */
    public TraceContext current() {
        Context request = Context.current();
        return Span.fromContext(request).getSpanContext().isValid() ? headersOf(request) : null;
    }

    private static TraceContext headersOf(Context context) {
        Map<String, String> carrier = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return TraceContext.of(carrier.get(EventHeaders.TRACEPARENT), carrier.get(EventHeaders.TRACESTATE));
    }
}
