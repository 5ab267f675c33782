package tokenstream.relay.tracing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Tracing on, spans to {@link InMemorySpans} only: the OTLP exporter is off, so nothing tries to connect. */
public class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
