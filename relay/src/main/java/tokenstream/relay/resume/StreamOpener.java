package tokenstream.relay.resume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tokenstream.protocol.EventId;
import tokenstream.protocol.InvalidEventIdException;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.fanout.ConversationHub;
import tokenstream.relay.fanout.SubscriberSink;
import tokenstream.relay.fanout.Subscription;
import tokenstream.relay.metrics.RelayMetrics;
import tokenstream.relay.tail.ChunkTail;
import tokenstream.relay.tail.ConversationPartitioner;

import java.util.Optional;

/**
 * Turns a client's request into a running {@link Subscription}: registers it with the shared tail,
 * then serves what lies between the requested position and the tail from Kafka, if anything.
 */
@ApplicationScoped
public class StreamOpener {
    @Inject
    RelayConfig config;
    @Inject
    ChunkTail tail;
    @Inject
    ConversationHub hub;
    @Inject
    OpenResponses openResponses;
    @Inject
    CatchUpReaders readers;
    @Inject
    RelayMetrics metrics;

    /** Thrown when the catch-up queue is full. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded() {
            super("too many resumes in progress; retry shortly");
        }
    }

    /**
     * Parses and checks the position; fails fast (before any SSE byte is written) on a bad id.
     *
     * @throws InvalidEventIdException for malformed, foreign or other-conversation ids
     */
    public StreamStart validate(String conversationId, String lastEventIdHeader, String lastEventIdQuery, String from) {
        StreamStart start = StreamStart.parse(lastEventIdHeader, lastEventIdQuery, from);
        int partition = partitionOf(conversationId);
        Optional<EventId> named = start instanceof StreamStart.After a ? Optional.of(a.eventId())
                : start instanceof StreamStart.At at ? Optional.of(at.eventId()) : Optional.empty();
        if (named.isPresent() && named.get().partition() != partition) {
            throw new InvalidEventIdException("event id " + named.get().encode()
                    + " does not belong to conversation " + conversationId);
        }
        return start;
    }

    /** Opens the subscription; the sink starts receiving records. */
    public Subscription open(String conversationId, StreamStart start, SubscriberSink sink) {
        Subscription subscription = new Subscription(conversationId, partitionOf(conversationId),
                config.clientQueueCapacity(), sink);
        Optional<Long> from = firstWanted(conversationId, start);
        ChunkTail.Registration registration = tail.register(subscription, from.orElse(-1L));
        long boundary = registration.boundary();
        subscription.liveFrom(boundary);
        boolean wantsHistory = start instanceof StreamStart.Beginning || start instanceof StreamStart.AtTime
                || (from.isPresent() && from.get() < boundary);
        if (!wantsHistory) {
            subscription.startLive(from.map(offset -> offset - 1).orElse(boundary - 1));
            metrics.streamOpened(RelayMetrics.ResumeSource.LIVE);
        } else if (registration.fromWindow().isPresent() && !(start instanceof StreamStart.Beginning)
                && !(start instanceof StreamStart.AtTime)) {
            registration.fromWindow().get().forEach(subscription::offerHistory);
            subscription.finishCatchUp();
            metrics.streamOpened(RelayMetrics.ResumeSource.MEMORY);
        } else {
            StreamStart effective = start instanceof StreamStart.Default
                    ? new StreamStart.At(new EventId(subscription.partition(), from.get())) : start;
            if (!readers.submit(new HistoryRead(config.chunksTopic(), subscription, effective, boundary))) {
                close(subscription);
                throw new Overloaded();
            }
            metrics.streamOpened(RelayMetrics.ResumeSource.KAFKA);
        }
        return subscription;
    }

    public void close(Subscription subscription) {
        subscription.close();
        hub.remove(subscription);
    }

    private Optional<Long> firstWanted(String conversationId, StreamStart start) {
        if (start instanceof StreamStart.After after) {
            return Optional.of(after.eventId().offset() + 1);
        }
        if (start instanceof StreamStart.At at) {
            return Optional.of(at.eventId().offset());
        }
        if (start instanceof StreamStart.Default) {
            return openResponses.startOf(conversationId);
        }
        return Optional.empty();
    }

    private int partitionOf(String conversationId) {
        return ConversationPartitioner.partitionOf(conversationId, tail.partitionCount());
    }
}
