package tokenstream.consumers.assembly;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.ResponsesApi;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A producer that dies mid-response, simulated by writing part of a response and then nothing. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class AbandonedResponseOnTheBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "tokenstream.consumers.abandon-after")
    Duration abandonAfter;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    @Test
    void gatewayThatStopsMidResponseGetsProducerTimeoutOnTheChunksTopicAndTheAuditSaysFailed()
            throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        Instant lastWrite = Instant.now();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "simulator").withSource("push"), r.text(1, "The producer "),
                r.text(1, "The producer "), r.text(2, "crashed "), r.text(4, "mid-"));

        Response served = ResponsesApi.awaitEnded(r.responseId, TIMEOUT);
        Duration waited = Duration.between(lastWrite, Instant.now());

        assertEquals("failed", served.jsonPath().getString("status"));
        assertEquals("producer_timeout", served.jsonPath().getString("error.code"));
        assertEquals("The producer crashed mid-", served.jsonPath().getString("text"));
        assertEquals(1, served.jsonPath().getInt("integrity.duplicates"));
        assertEquals(List.of(3), served.jsonPath().getList("integrity.gaps"));
        assertEquals(5, served.jsonPath().getInt("event_count"));
        assertTrue(waited.compareTo(abandonAfter) >= 0, "ended after " + waited + ", before " + abandonAfter);
        ConsumerRecord<String, byte[]> terminal = BrokerClients.awaitRecord(Topics.CHUNKS, TIMEOUT,
                record -> r.conversationId.equals(record.key())
                        && record.headers().lastHeader(EventHeaders.EVENT_TYPE) != null
                        && "response.failed".equals(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE)
                        .value(), StandardCharsets.UTF_8)));
        ChunkEvent.ResponseFailed failed = (ChunkEvent.ResponseFailed) ChunkEventCodec.read(terminal.value());
        assertEquals(5, failed.seq());
        assertEquals("response.failed", new String(terminal.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> published = BrokerClients.awaitRecord(Topics.RESPONSES, TIMEOUT,
                record -> (r.conversationId + "/" + r.responseId).equals(record.key())
                        && AssembledResponseJson.read(record.value()).status() == ResponseStatus.FAILED);
        assertEquals("The producer crashed mid-", AssembledResponseJson.read(published.value()).text());
    }

    @Test
    void generationWhoseIngestDiedGetsIngestLost() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "simulator").withSource("generation"), r.text(1, "cut"));

        Response served = ResponsesApi.awaitEnded(r.responseId, TIMEOUT);

        assertEquals("failed", served.jsonPath().getString("status"));
        assertEquals("ingest_lost", served.jsonPath().getString("error.code"));
    }

    @Test
    void responseWhoseProducerKeepsWritingIsNotAbandoned() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "simulator"));
        long seq = 1;
        Instant until = Instant.now().plus(abandonAfter.multipliedBy(2));
        while (Instant.now().isBefore(until)) {
            BrokerClients.sendEvents(Topics.CHUNKS, r.text(seq++, "."));
            Thread.sleep(abandonAfter.toMillis() / 3); // a producer writing more often than abandonAfter: the pace under test
        }
        BrokerClients.sendEvents(Topics.CHUNKS, r.completed(seq, "stop", null));

        assertEquals("completed", ResponsesApi.awaitEnded(r.responseId, TIMEOUT).jsonPath().getString("status"));
    }
}
