package tokenstream.consumers.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Many responses over a dozen conversations, written interleaved at a steady pace as a busy ingest would:
 * every fifth fails, every fifth is cancelled, every seventh carries a duplicated delta. Event timestamps are
 * synthetic (50 ms apart) so that the expected result is known exactly.
 */
public final class BusyWorkload {
    private static final int CONVERSATIONS = 12;
    private static final int DELTAS = 20;
    private static final int OPEN_AT_ONCE = 8;
    private static final Instant BASE = Instant.parse("2026-02-01T00:00:00Z");

    /** What assembling one response of the workload must give. */
    public record Expected(String conversationId, ResponseStatus status, String text, long eventCount,
                           long duplicates) {
    }

    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private final List<ChunkEvent> events = new ArrayList<>();

    public BusyWorkload(int responses) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<List<ChunkEvent>> perResponse = new ArrayList<>();
        for (int i = 0; i < responses; i++) {
            perResponse.add(response(run, i));
        }
        for (int block = 0; block < responses; block += OPEN_AT_ONCE) {
            List<List<ChunkEvent>> open = perResponse.subList(block, Math.min(responses, block + OPEN_AT_ONCE));
            int longest = open.stream().mapToInt(List::size).max().orElse(0);
            for (int step = 0; step < longest; step++) {
                for (List<ChunkEvent> response : open) {
                    if (step < response.size()) {
                        events.add(response.get(step));
                    }
                }
            }
        }
    }

    private List<ChunkEvent> response(String run, int index) {
        String conversationId = "busy-" + run + "-conv-" + (index % CONVERSATIONS);
        String responseId = "busy-" + run + "-resp-" + index;
        Instant start = BASE.plusSeconds(index);
        List<ChunkEvent> list = new ArrayList<>();
        list.add(new ChunkEvent.ResponseStarted(conversationId, responseId, 0, start, "busy-model", null));
        StringBuilder text = new StringBuilder();
        for (int seq = 1; seq <= DELTAS; seq++) {
            String token = "t" + index + "." + seq + " ";
            text.append(token);
            list.add(new ChunkEvent.TextDelta(conversationId, responseId, seq, start.plusMillis(50L * seq), token));
            if (index % 7 == 0 && seq == 5) {
                list.add(list.get(list.size() - 1));
            }
        }
        long end = DELTAS + 1;
        Instant endAt = start.plusMillis(50L * end);
        ResponseStatus status;
        if (index % 5 == 3) {
            list.add(new ChunkEvent.ResponseFailed(conversationId, responseId, end, endAt, "upstream_error", "boom"));
            status = ResponseStatus.FAILED;
        } else if (index % 5 == 4) {
            list.add(new ChunkEvent.ResponseCancelled(conversationId, responseId, end, endAt, "user_stop"));
            status = ResponseStatus.CANCELLED;
        } else {
            list.add(new ChunkEvent.ResponseCompleted(conversationId, responseId, end, endAt, "stop",
                    Usage.of(3, DELTAS)));
            status = ResponseStatus.COMPLETED;
        }
        expected.put(ResponseKey.of(conversationId, responseId), new Expected(conversationId, status, text.toString(), DELTAS + 2,
                index % 7 == 0 ? 1 : 0));
        return list;
    }

    /**
     * Response key ({@code conversation id/response id}, the key of the responses topic) → what its assembly must
     * give, in the order the responses were generated.
     */
    public Map<String, Expected> expected() {
        return expected;
    }

    public int eventCount() {
        return events.size();
    }

    /** Writes every event to {@code topic}, pausing {@code pauseMillis} after each {@code batch} records. */
    public void write(String bootstrapServers, String topic, int batch, long pauseMillis) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                ChunkEvent event = events.get(i);
                producer.send(new ProducerRecord<>(topic, event.conversationId(), ChunkEventCodec.write(event)));
                if ((i + 1) % batch == 0) {
                    producer.flush();
                    Thread.sleep(pauseMillis); // the write rate the caller asked for, not a wait
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
