package tokenstream.relay.resume;

import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.protocol.InvalidEventIdException;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.core.PartitionFeed;
import tokenstream.relay.core.ResumePlan;
import tokenstream.relay.core.StreamStart;
import tokenstream.relay.core.SubscriberSink;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.metrics.RelayMetrics;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.relay.tail.ChunkTail;
import tokenstream.relay.tail.ConversationPartitioner;

/**
 * Turns a client's request into a running {@link Subscription}: the conversation's partition feed decides the
 * resume plan and starts it; a plan that needs Kafka goes to a catch-up reader.
 */
@ApplicationScoped
public class StreamOpener {
    private final RelayConfig config;
    private final ChunkTail tail;
    private final CatchUpReaders readers;
    private final RelayMetrics metrics;

    public StreamOpener(RelayConfig config, ChunkTail tail, CatchUpReaders readers, RelayMetrics metrics) {
        this.config = config;
        this.tail = tail;
        this.readers = readers;
        this.metrics = metrics;
    }

    /** Thrown when the catch-up queue is full. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded() {
            super("too many resumes in progress; retry shortly");
        }
    }

    /**
     * Decodes and checks the position; fails fast (before any SSE byte is written) on a bad id.
     *
     * @throws InvalidEventIdException for malformed, foreign or other-conversation ids
     */
    public StreamStart validate(String conversationId, String lastEventIdHeader, String lastEventIdQuery, String from) {
        return StreamStart.parse(lastEventIdHeader, lastEventIdQuery, from)
                .requireOn(partitionOf(conversationId), conversationId);
    }

    /** Opens the subscription; the sink starts receiving records. */
    public Subscription<ChunkRecord> open(String conversationId, StreamStart start, SubscriberSink sink) {
        PartitionFeed<ChunkRecord> feed = tail.feed().partition(partitionOf(conversationId));
        Subscription<ChunkRecord> subscription = new Subscription<>(conversationId, feed.partition(),
                config.clientQueueCapacity(), sink);
        ResumePlan<ChunkRecord> plan = feed.subscribe(subscription, start, System.currentTimeMillis());
        if (plan instanceof ResumePlan.CatchUp<ChunkRecord> catchUp) {
            if (!readers.submit(new HistoryRead(config.chunksTopic(), subscription, catchUp))) {
                close(subscription);
                throw new Overloaded();
            }
            metrics.streamOpened(RelayMetrics.ResumeSource.KAFKA);
        } else {
            metrics.streamOpened(plan instanceof ResumePlan.Live ? RelayMetrics.ResumeSource.LIVE
                    : RelayMetrics.ResumeSource.MEMORY);
        }
        return subscription;
    }

    public void close(Subscription<ChunkRecord> subscription) {
        tail.feed().partition(subscription.partition()).unsubscribe(subscription);
    }

    private int partitionOf(String conversationId) {
        return ConversationPartitioner.partitionOf(conversationId, tail.feed().partitionCount());
    }
}
