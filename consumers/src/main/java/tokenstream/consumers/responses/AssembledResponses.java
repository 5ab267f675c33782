package tokenstream.consumers.responses;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.consumers.assembly.AssemblyState;
import tokenstream.consumers.cluster.PartitionOwners;
import tokenstream.consumers.assembly.InProgressView;
import tokenstream.consumers.assembly.ResponseConversationsKey;
import tokenstream.consumers.assembly.ResponsePart;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.servicekit.web.ApiException;
import tokenstream.consumers.interactive.LocalStores;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads assembled responses from this instance's {@value ResponseTopology#RESPONSES_STORE} through
 * interactive queries. The store is keyed by (conversation id, response id) while the chunks topic is partitioned by
 * conversation id, so a response lives in its conversation's partition: a lookup reads that partition, which
 * this instance owns ({@code cluster.ConversationRouting} has sent the request here), or answers 503.
 */
@ApplicationScoped
public class AssembledResponses {
    private final KafkaStreams streams;
    private final PartitionOwners owners;

    AssembledResponses(KafkaStreams streams, PartitionOwners owners) {
        this.streams = streams;
        this.owners = owners;
    }

    /**
     * The latest state of the conversation's response, empty if no event of it has been seen.
     *
     * @throws ApiException 503 {@code responses_unavailable} while the store cannot be queried (startup, rebalance)
     */
    public Optional<AssembledResponse> find(String conversationId, String responseId) {
        if (!ResponseKey.keyable(conversationId, responseId)) {
            return Optional.empty();
        }
        String key = ResponseKey.of(conversationId, responseId);
        OptionalInt partition = owners.localPartition(conversationId, "responses");
        Optional<AssembledResponse> published = publishedRecord(key, partition);
        if (published.isEmpty() || published.get().status() != ResponseStatus.IN_PROGRESS) {
            return published;
        }
        Optional<AssembledResponse> open = inProgress(key, partition);
        if (open.isPresent() && open.get().status() != ResponseStatus.IN_PROGRESS) {
            // It ended between the two reads: its parts may already be gone, but the assembly stores the ended
            // record before it drops them, so the published record now holds the whole content.
            Optional<AssembledResponse> ended = publishedRecord(key, partition);
            if (ended.isPresent() && ended.get().status() != ResponseStatus.IN_PROGRESS) {
                return ended;
            }
        }
        return Optional.of(open.orElse(published.get()));
    }

    private Optional<AssembledResponse> publishedRecord(String key, OptionalInt partition) {
        return LocalStores.query(streams, ResponseTopology.RESPONSES_STORE, "responses", partition,
                (ReadOnlyKeyValueStore<String, AssembledResponse> store) -> Optional.ofNullable(store.get(key)));
    }

    /** The open response with the content assembled so far, from the assembly's own stores. */
    private Optional<AssembledResponse> inProgress(String key, OptionalInt partition) {
        AssemblyState state = LocalStores.query(streams, ResponseTopology.ASSEMBLY_STATE_STORE, "responses", partition,
                (ReadOnlyKeyValueStore<String, AssemblyState> store) -> store.get(key));
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(LocalStores.query(streams, ResponseTopology.RESPONSE_PARTS_STORE, "responses", partition,
                (ReadOnlyKeyValueStore<String, ResponsePart> parts) -> InProgressView.of(state, parts, key)));
    }

    /**
     * The conversations of this instance's partitions in which a response with this id has been seen: one,
     * normally, since ingest refuses a response id that another conversation holds; more only for records written
     * to Kafka some other way.
     */
    public List<String> localConversationsOf(String responseId) {
        if (!ResponseKey.keyable("-", responseId)) {
            return List.of();
        }
        return LocalStores.query(streams, ResponseTopology.RESPONSE_CONVERSATIONS_STORE, "responses",
                (ReadOnlyKeyValueStore<String, String> store) -> {
                    List<String> conversations = new ArrayList<>();
                    try (KeyValueIterator<String, String> found = store.prefixScan(
                            ResponseConversationsKey.prefix(responseId), new StringSerializer())) {
                        while (found.hasNext()) {
                            KeyValue<String, String> entry = found.next();
                            conversations.add(entry.value);
                        }
                    }
                    return conversations;
                });
    }
}
