package tokenstream.relay.resume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventId;
import tokenstream.relay.core.ResumePlan;
import tokenstream.relay.core.ResumePlan.CatchUpRange;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.relay.tail.ChunkRecordReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One catch-up: asks Kafka what the plan needs (the log start; for a time, the first offset at or after it), reads
 * the partition over the resolved range keeping only the conversation's own records, then hands the subscription
 * over to the live tail.
 */
final class HistoryRead implements java.util.function.Consumer<Consumer<String, byte[]>> {
    private static final Logger LOG = Logger.getLogger(HistoryRead.class);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final String topic;
    private final Subscription<ChunkRecord> subscription;
    private final ResumePlan.CatchUp<ChunkRecord> plan;

    HistoryRead(String topic, Subscription<ChunkRecord> subscription, ResumePlan.CatchUp<ChunkRecord> plan) {
        this.topic = topic;
        this.subscription = subscription;
        this.plan = plan;
    }

    @Override
    public void accept(Consumer<String, byte[]> consumer) {
        if (subscription.isClosed()) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, subscription.partition());
        try {
            consumer.assign(List.of(tp));
            long logStart = consumer.beginningOffsets(List.of(tp)).get(tp);
            CatchUpRange range = plan.range(logStart, firstAtOrAfterTime(consumer, tp));
            if (range instanceof CatchUpRange.Expired expired) {
                subscription.sink().positionExpired(new EventId(tp.partition(), expired.earliest()));
                return;
            }
            CatchUpRange.Read read = (CatchUpRange.Read) range;
            read(consumer, tp, read.from(), read.to());
            subscription.finishCatchUp();
        } catch (ClientTooSlow e) {
            LOG.debugf("catch-up of %s ended: client too slow", subscription.conversationId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("catch-up of %s from %s failed: %s", subscription.conversationId(), plan.start(), e.toString());
            subscription.sink().unavailable("catch-up read failed; reconnect to resume");
        } finally {
            consumer.assign(List.of());
        }
    }

    private OptionalLong firstAtOrAfterTime(Consumer<String, byte[]> consumer, TopicPartition tp) {
        if (!(plan.start() instanceof ResumePlan.HistoryStart.AtTime atTime)) {
            return OptionalLong.empty();
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, atTime.epochMillis()));
        OffsetAndTimestamp at = found.get(tp);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at.offset());
    }

    /** The client took nothing for the stall limit; the subscription has already told it to resume. */
    private static final class ClientTooSlow extends RuntimeException {
        ClientTooSlow() {
            super(null, null, false, false);
        }
    }

    private void read(Consumer<String, byte[]> consumer, TopicPartition tp, long from, long to) throws InterruptedException {
        consumer.seek(tp, from);
        long lastProgress = System.nanoTime();
        while (consumer.position(tp) < to && !subscription.isClosed()) {
            var records = consumer.poll(Duration.ofMillis(200)).records(tp);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no progress reading history for " + STALL_LIMIT);
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= to) {
                    return;
                }
                if (!subscription.awaitRoom(STALL_LIMIT.toMillis(), System::nanoTime)) {
                    throw new ClientTooSlow();
                }
                if (subscription.conversationId().equals(record.key())) {
                    ChunkRecordReader.read(record).ifPresent(subscription::offerHistory);
                }
            }
        }
    }
}
