package tokenstream.relay.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands each client stream its {@link StreamDeliveries}: with tracing off (the default,
 * {@code quarkus.otel.sdk.disabled}) always {@link StreamDeliveries#NONE}, so the hot path pays nothing.
 */
@ApplicationScoped
public class FirstDeliveries {
    private final Tracer tracer;
    private final boolean enabled;

    public FirstDeliveries(Tracer tracer,
                           @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled,
                           @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true") boolean tracesEnabled) {
        this.tracer = tracer;
        this.enabled = !sdkDisabled && tracesEnabled;
    }

    /**
     * The deliveries of a stream of {@code conversationId} opened by the current request; its spans link to the
     * request's span, when there is one.
     */
    public StreamDeliveries forStream(String conversationId) {
        if (!enabled) {
            return StreamDeliveries.NONE;
        }
        SpanContext request = Span.fromContext(Context.current()).getSpanContext();
        return new TracedStreamDeliveries(tracer, conversationId, request.isValid() ? request : null);
    }
}
