package tokenstream.consumers.assembly;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.ResponsesApi;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class AssemblyOnTheBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    KafkaStreams streams;

    @BeforeEach
    void streamsOwnTheirPartitions() throws InterruptedException {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void poisonRecordLandsInTheDeadLetterTopicAndLaterResponsesAreStillAssembled() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        byte[] poison = "this is not an event".getBytes(StandardCharsets.UTF_8);
        BrokerClients.send(Topics.CHUNKS, List.of(
                new ProducerRecord<>(Topics.CHUNKS, r.conversationId, poison),
                new ProducerRecord<>(Topics.CHUNKS, r.conversationId, ChunkEventCodec.write(r.started(0, "m"))),
                new ProducerRecord<>(Topics.CHUNKS, r.conversationId, ChunkEventCodec.write(r.text(1, "survived"))),
                new ProducerRecord<>(Topics.CHUNKS, r.conversationId,
                        ChunkEventCodec.write(r.completed(2, "stop", null)))));

        ConsumerRecord<String, byte[]> dead = BrokerClients.awaitRecord(Topics.DEAD_LETTER, TIMEOUT,
                record -> r.conversationId.equals(record.key()));

        assertArrayEquals(poison, dead.value());
        assertTrue(header(dead, EventHeaders.DEAD_LETTER_REASON).startsWith("not valid JSON"),
                header(dead, EventHeaders.DEAD_LETTER_REASON));
        assertTrue(header(dead, EventHeaders.DEAD_LETTER_SOURCE).matches("tokenstream\\.chunks/\\d+/\\d+"),
                header(dead, EventHeaders.DEAD_LETTER_SOURCE));
        ResponsesApi.awaitEnded(r.responseId, TIMEOUT).then()
                .body("status", equalTo("completed"))
                .body("text", equalTo("survived"));
    }

    @Test
    void streamsWriteTheirResultsInKafkaTransactions() throws Exception {
        try (var admin = SharedKafka.get().admin()) {
            var transactionalIds = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).toList();

            assertTrue(transactionalIds.stream().anyMatch(id -> id.startsWith("tokenstream-consumers-")),
                    "exactly_once_v2 gives each stream thread a transactional producer; found " + transactionalIds);
        }
    }

    @Test
    void responsesTopicHoldsTheAssembledResponseKeyedByConversationAndResponseId() throws InterruptedException {
        ResponseEvents r = ResponseEvents.fresh();
        BrokerClients.sendEvents(Topics.CHUNKS, r.started(0, "m"), r.text(1, "audit "), r.text(2, "me"),
                r.failed(3, "upstream_error", "model crashed"));

        ConsumerRecord<String, byte[]> published = BrokerClients.awaitRecord(Topics.RESPONSES, TIMEOUT,
                record -> (r.conversationId + "/" + r.responseId).equals(record.key())
                        && AssembledResponseJson.read(record.value()).status() != ResponseStatus.IN_PROGRESS);

        AssembledResponse response = AssembledResponseJson.read(published.value());
        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals("audit me", response.text());
        assertEquals(new AssembledResponse.ErrorInfo("upstream_error", "model crashed"), response.error());
        String servedJson = ResponsesApi.awaitEnded(r.responseId, TIMEOUT).asString();
        assertEquals(servedJson, new String(published.value(), StandardCharsets.UTF_8),
                "the topic and the endpoint carry the same JSON");
    }
}
