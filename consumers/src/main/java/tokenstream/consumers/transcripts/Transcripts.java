package tokenstream.consumers.transcripts;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import tokenstream.consumers.cluster.PartitionOwners;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.consumers.assembly.ConversationIndexKey;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.consumers.interactive.LocalStores;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ResponseKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a conversation's responses in order: the ids from {@value ResponseTopology#CONVERSATION_RESPONSES_STORE},
 * each response from {@value ResponseTopology#RESPONSES_STORE}.
 */
@ApplicationScoped
public class Transcripts {
    private final KafkaStreams streams;
    private final PartitionOwners owners;

    Transcripts(KafkaStreams streams, PartitionOwners owners) {
        this.streams = streams;
        this.owners = owners;
    }

    /**
     * Up to {@code pageSize} responses of the conversation that started after {@code after} (or from the first).
     * Empty responses and no token when there is nothing (more) to read.
     */
    public TranscriptPage page(String conversationId, Optional<PageToken> after, int pageSize) {
        // The conversation's index and its responses are both in its partition, which this instance owns.
        OptionalInt partition = owners.localPartition(conversationId, "transcripts");
        List<KeyValue<Long, String>> ids = responseIds(conversationId, partition, after, pageSize + 1);
        boolean more = ids.size() > pageSize;
        List<KeyValue<Long, String>> shown = more ? ids.subList(0, pageSize) : ids;
        List<AssembledResponse> responses = LocalStores.query(streams, ResponseTopology.RESPONSES_STORE, "responses",
                partition,
                (ReadOnlyKeyValueStore<String, AssembledResponse> store) -> {
                    List<AssembledResponse> found = new ArrayList<>();
                    for (KeyValue<Long, String> id : shown) {
                        AssembledResponse response = store.get(ResponseKey.of(conversationId, id.value));
                        if (response != null) {
                            found.add(response);
                        }
                    }
                    return found;
                });
        String next = more ? new PageToken(shown.get(shown.size() - 1).key).encode() : null;
        return new TranscriptPage(conversationId, responses, next);
    }

    /** {@code (first offset, response id)} in topic order, at most {@code limit}. */
    private List<KeyValue<Long, String>> responseIds(String conversationId, OptionalInt partition,
                                                     Optional<PageToken> after, int limit) {
        String from = ConversationIndexKey.of(conversationId, after.map(token -> token.afterOffset() + 1).orElse(0L));
        String to = ConversationIndexKey.of(conversationId, Long.MAX_VALUE);
        return LocalStores.query(streams, ResponseTopology.CONVERSATION_RESPONSES_STORE, "transcripts", partition,
                (ReadOnlyKeyValueStore<String, String> store) -> {
                    List<KeyValue<Long, String>> ids = new ArrayList<>();
                    try (KeyValueIterator<String, String> range = store.range(from, to)) {
                        while (range.hasNext() && ids.size() < limit) {
                            KeyValue<String, String> entry = range.next();
                            // The range also spans ids like "<cid>|1x|...": keep this conversation's keys only.
                            ConversationIndexKey.offsetIn(entry.key, conversationId)
                                    .ifPresent(offset -> ids.add(KeyValue.pair(offset, entry.value)));
                        }
                    }
                    return ids;
                });
    }
}
