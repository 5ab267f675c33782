package tokenstream.consumers.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.ResponsesApi;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkRecordParts;
import tokenstream.protocol.TraceContext;
import tokenstream.protocol.Topics;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumers' part of one trace across the pipeline: a response whose records carry a {@code traceparent} makes
 * one assembly span, in that trace and under the span the records name, when its terminal event is assembled.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class AssemblyTraceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;
    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    @Test
    void aTracedResponseMakesOneAssemblySpanInTheRecordsTrace() {
        ResponseEvents r = ResponseEvents.fresh();
        TraceContext trace = TraceContext.of("00-" + hex(32) + "-" + hex(16) + "-01", "vendor=x");
        List<ChunkEvent> events = List.of(r.started(0, "m"), r.text(1, "one "), r.text(2, "two"),
                r.completed(3, "stop", null));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ChunkEvent event : events) {
            ChunkRecordParts parts = ChunkRecordParts.of(event, trace);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CHUNKS, parts.key(), parts.value());
            parts.encodedHeaders().forEach(record.headers()::add);
            records.add(record);
        }
        BrokerClients.send(Topics.CHUNKS, records);
        ResponsesApi.awaitEnded(r.responseId, TIMEOUT);

        List<SpanData> assembly = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> inTrace(trace.traceId()), found -> !found.isEmpty());

        assertEquals(1, assembly.size(), assembly.toString());
        SpanData span = assembly.get(0);
        assertEquals("response assembly", span.getName());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals(trace.parentSpanId(), span.getParentSpanId());
        assertEquals(r.responseId, span.getAttributes().get(AttributeKey.stringKey("tokenstream.response_id")));
        assertEquals("completed", span.getAttributes().get(AttributeKey.stringKey("tokenstream.status")));
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }
}
