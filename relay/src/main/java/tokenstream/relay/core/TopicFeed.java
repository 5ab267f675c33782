package tokenstream.relay.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every partition of the chunks topic as the relay serves it; the totals metrics and presence reports read. */
public final class TopicFeed<R extends RelayRecord> {
    private final PartitionFeed<R>[] partitions;

    /**
     * @param startOffsets   the tail's position on each partition when it starts
     * @param windowMaxBytes memory for the recent-events windows, split evenly across partitions
     */
    @SuppressWarnings("unchecked")
    public TopicFeed(long[] startOffsets, long windowMaxBytes, long windowMaxAgeMillis) {
        partitions = new PartitionFeed[startOffsets.length];
        long perPartition = Math.max(1, windowMaxBytes / startOffsets.length);
        for (int p = 0; p < startOffsets.length; p++) {
            partitions[p] = new PartitionFeed<>(p, startOffsets[p], perPartition, windowMaxAgeMillis);
        }
    }

    public int partitionCount() {
        return partitions.length;
    }

    public PartitionFeed<R> partition(int partition) {
        return partitions[partition];
    }

    public int subscriptionCount() {
        int sum = 0;
        for (PartitionFeed<R> feed : partitions) {
            sum += feed.subscriptionCount();
        }
        return sum;
    }

    public int conversationCount() {
        int sum = 0;
        for (PartitionFeed<R> feed : partitions) {
            sum += feed.conversationCount();
        }
        return sum;
    }

    public long windowBytes() {
        long sum = 0;
        for (PartitionFeed<R> feed : partitions) {
            sum += feed.windowBytes();
        }
        return sum;
    }

    /** The in-progress responses of the conversations someone watches here, by conversation (presence reports). */
    public Map<String, List<String>> watchedOpenResponses() {
        Map<String, List<String>> watched = new HashMap<>();
        for (PartitionFeed<R> feed : partitions) {
            feed.openResponseIds().forEach((conversation, ids) -> {
                if (!ids.isEmpty() && feed.isWatched(conversation)) {
                    watched.put(conversation, ids);
                }
            });
        }
        return watched;
    }
}
