package tokenstream.relay.tail;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * The partition a conversation's events are on: the same murmur2 hash the Kafka producer's default
 * partitioner applies to a keyed record, so the relay knows where to look without asking anyone.
 */
public final class ConversationPartitioner {
    private ConversationPartitioner() {
    }

    public static int partitionOf(String conversationId, int partitionCount) {
        byte[] key = conversationId.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }
}
