package tokenstream.ingest.control;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Puts the control channel's reader at the end of each partition it is given and fixes that position at once,
 * on the polling thread, before any record is fetched. Until the first partitions are positioned this instance
 * could miss a cancel, so {@link ControlTopicReadiness} reports it not ready.
 */
@ApplicationScoped
@Identifier(ControlPositions.NAME)
public class ControlPositions implements KafkaConsumerRebalanceListener {
    /** The name the channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "control-positions";
    private static final Logger LOG = Logger.getLogger(ControlPositions.class);

    private final Set<TopicPartition> positioned = new HashSet<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy; asking for the position resolves it now, so nothing written from here on is skipped.
        partitions.forEach(consumer::position);
        synchronized (positioned) {
            positioned.addAll(partitions);
        }
        LOG.infof("control topic: reading %d more partitions from their end", partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        synchronized (positioned) {
            positioned.removeAll(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** Partitions read from a fixed position now. */
    public int positionedPartitions() {
        synchronized (positioned) {
            return positioned.size();
        }
    }
}
