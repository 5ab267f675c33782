package tokenstream.relay.resume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventId;
import tokenstream.relay.fanout.Subscription;
import tokenstream.relay.tail.ChunkRecordReader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One catch-up: reads a conversation's records from a start position up to the tail's position for
 * that subscription, keeping only the conversation's own records, then hands the subscription over to
 * the live tail.
 */
final class HistoryRead implements Consumer<KafkaConsumer<String, byte[]>> {
    private static final Logger LOG = Logger.getLogger(HistoryRead.class);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final String topic;
    private final Subscription subscription;
    private final StreamStart start;
    private final long boundary;

    HistoryRead(String topic, Subscription subscription, StreamStart start, long boundary) {
        this.topic = topic;
        this.subscription = subscription;
        this.start = start;
        this.boundary = boundary;
    }

    @Override
    public void accept(KafkaConsumer<String, byte[]> consumer) {
        if (subscription.isClosed()) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, subscription.partition());
        try {
            consumer.assign(List.of(tp));
            long earliest = consumer.beginningOffsets(List.of(tp)).get(tp);
            long from = resolve(consumer, tp, earliest);
            if (from < earliest) {
                subscription.sink().positionExpired(new EventId(tp.partition(), earliest));
                return;
            }
            read(consumer, tp, from);
            subscription.finishCatchUp();
        } catch (ClientTooSlow e) {
            LOG.debugf("catch-up of %s ended: client too slow", subscription.conversationId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("catch-up of %s from %s failed: %s", subscription.conversationId(), start, e.toString());
            subscription.sink().unavailable("catch-up read failed; reconnect to resume");
        } finally {
            consumer.assign(List.of());
        }
    }

    private long resolve(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long earliest) {
        if (start instanceof StreamStart.After after) {
            return after.eventId().offset() + 1;
        }
        if (start instanceof StreamStart.At at) {
            return at.eventId().offset();
        }
        if (start instanceof StreamStart.AtTime atTime) {
            Map<TopicPartition, OffsetAndTimestamp> found =
                    consumer.offsetsForTimes(Map.of(tp, atTime.time().toEpochMilli()));
            OffsetAndTimestamp at = found.get(tp);
            return at == null ? boundary : Math.max(at.offset(), earliest);
        }
        return earliest;
    }

    /** The client took nothing for the stall limit; the subscription has already told it to resume. */
    private static final class ClientTooSlow extends RuntimeException {
        ClientTooSlow() {
            super(null, null, false, false);
        }
    }

    private void read(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long from) throws InterruptedException {
        consumer.seek(tp, from);
        Instant lastProgress = Instant.now();
        while (consumer.position(tp) < boundary && !subscription.isClosed()) {
            var records = consumer.poll(Duration.ofMillis(200)).records(tp);
            if (!records.isEmpty()) {
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALL_LIMIT) > 0) {
                throw new IllegalStateException("no progress reading history for " + STALL_LIMIT);
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= boundary) {
                    return;
                }
                if (!subscription.awaitRoom(STALL_LIMIT.toMillis())) {
                    throw new ClientTooSlow();
                }
                if (subscription.conversationId().equals(record.key())) {
                    ChunkRecordReader.read(record).ifPresent(subscription::offerHistory);
                }
            }
        }
    }
}
