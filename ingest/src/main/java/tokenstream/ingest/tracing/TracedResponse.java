package tokenstream.ingest.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.TraceContext;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The spans of one traced response; see {@link ResponseTrace}. Called from the generation's threads and the producer's. */
final class TracedResponse implements ResponseTrace {
    /** Milliseconds from opening the upstream to its first output: the model's time to first token. */
    static final AttributeKey<Long> TIME_TO_FIRST_TOKEN_MS = AttributeKey.longKey("tokenstream.time_to_first_token_ms");
    static final AttributeKey<Long> RECORDS = AttributeKey.longKey("tokenstream.records");
    static final AttributeKey<String> TERMINAL_EVENT = AttributeKey.stringKey("tokenstream.terminal_event");

    private final Tracer tracer;
    private final Context request;
    private final Span writes;
    private final TraceContext headers;
    private final String conversationId;
    private final String responseId;
    private final String model;
    private final String upstreamName;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Span upstream;
    private volatile long upstreamOpenedNanos;

    TracedResponse(Tracer tracer, Context request, Span writes, TraceContext headers, String conversationId,
                   String responseId, String model, String upstreamName) {
        this.tracer = tracer;
        this.request = request;
        this.writes = writes;
        this.headers = headers;
        this.conversationId = conversationId;
        this.responseId = responseId;
        this.model = model;
        this.upstreamName = upstreamName;
    }

    @Override
    public TraceContext headers() {
        return headers;
    }

    @Override
    public void upstreamOpened() {
        upstreamOpenedNanos = System.nanoTime();
        upstream = tracer.spanBuilder("upstream " + upstreamName)
                .setParent(request)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.request.model", model == null ? "" : model)
                .setAttribute("tokenstream.upstream", upstreamName)
                .setAttribute(ResponseTracing.CONVERSATION_ID, conversationId)
                .setAttribute(ResponseTracing.RESPONSE_ID, responseId)
                .startSpan();
    }

    @Override
    public void firstOutput() {
        Span span = upstream;
        if (span != null) {
            span.setAttribute(TIME_TO_FIRST_TOKEN_MS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upstreamOpenedNanos));
            span.addEvent("first token");
        }
    }

    @Override
    public void ended(ChunkEvent terminal, Throwable writeError) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Span span = upstream;
        if (span != null) {
            span.setAttribute(TERMINAL_EVENT, terminal.typeName());
            if (terminal instanceof ChunkEvent.ResponseFailed failed) {
                span.setStatus(StatusCode.ERROR, failed.code());
            }
            span.end();
        }
        writes.setAttribute(RECORDS, terminal.seq() + 1);
        writes.setAttribute(TERMINAL_EVENT, terminal.typeName());
        if (writeError != null) {
            writes.recordException(writeError);
            writes.setStatus(StatusCode.ERROR, "the terminal event could not be written");
        }
        writes.end();
    }

    @Override
    public void notStarted(Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        writes.recordException(error);
        writes.setStatus(StatusCode.ERROR, "response.started was not acknowledged");
        writes.end();
    }
}
