package tokenstream.consumers.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tokenstream.consumers.assembly.AssemblyTraces;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.TraceContext;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The span of a response's assembly: made when its terminal event is assembled, a child of the record's
 * {@code traceparent} (ingest's span of the response's chunks-topic writes), from the record's Kafka timestamp to
 * the moment the audit record is published. A record without a valid {@code traceparent} makes no span; with
 * tracing off ({@code quarkus.otel.sdk.disabled}, the default) the topology gets {@link AssemblyTraces#NONE}.
 */
@ApplicationScoped
public class AssemblySpans implements AssemblyTraces {
    private final Tracer tracer;
    private final boolean enabled;

    public AssemblySpans(Tracer tracer,
                         @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled,
                         @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true") boolean tracesEnabled) {
        this.tracer = tracer;
        this.enabled = !sdkDisabled && tracesEnabled;
    }

    /** What the topology is told of: these spans, or nothing when tracing is off. */
    public AssemblyTraces traces() {
        return enabled ? this : AssemblyTraces.NONE;
    }

    @Override
    public void assembled(Headers headers, String conversationId, String responseId, ResponseStatus status,
                          long recordTimestamp) {
        TraceContext trace = TraceContext.of(text(headers.lastHeader(EventHeaders.TRACEPARENT)),
                text(headers.lastHeader(EventHeaders.TRACESTATE)));
        if (trace == null) {
            return;
        }
        SpanContext parent = SpanContext.createFromRemoteParent(trace.traceId(), trace.parentSpanId(),
                trace.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        long now = System.currentTimeMillis();
        tracer.spanBuilder("response assembly")
                .setParent(Context.root().with(Span.wrap(parent)))
                .setSpanKind(SpanKind.CONSUMER)
                .setStartTimestamp(Math.min(recordTimestamp, now), TimeUnit.MILLISECONDS)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("tokenstream.conversation_id", conversationId)
                .setAttribute("tokenstream.response_id", responseId)
                .setAttribute("tokenstream.status", status.wireName())
                .startSpan()
                .end(now, TimeUnit.MILLISECONDS);
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
