package tokenstream.ingest.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The in-memory exporter the traced tests read their spans from: Quarkus' default {@code cdi} traces exporter sends
 * spans to every {@code SpanExporter} bean. Inert in the other tests, whose SDK is disabled.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
