package tokenstream.consumers.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.consumers.interactive.Unavailable;
import tokenstream.servicekit.web.ApiException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which instance of the consumers group owns what, from the metadata Kafka Streams shares in every rebalance.
 * Every per-conversation store is partitioned like the chunks topic, by conversation id, so the owner of a
 * conversation's partition holds all of its responses and its transcript.
 */
@ApplicationScoped
public class PartitionOwners {
    private static final Serializer<String> CONVERSATION_ID = new StringSerializer();

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;

    PartitionOwners(KafkaStreams streams,
                    @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.self = applicationServer.filter(address -> !address.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    /** Whether this instance shares its address with a group (possibly of one); if not, it answers alone. */
    public boolean grouped() {
        return self.isPresent();
    }

    public Optional<HostInfo> self() {
        return self;
    }

    /** The instance that owns {@code conversationId}'s partition. */
    public Owner ownerOf(String conversationId) {
        if (self.isEmpty()) {
            return new Owner.Here(OptionalInt.empty());
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new Owner.Nobody("Kafka Streams is " + streams.state());
        }
        // The store key is "conversation/response", but the partition is the chunks record's: the conversation id's.
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ResponseTopology.RESPONSES_STORE, conversationId,
                CONVERSATION_ID);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            return new Owner.Nobody("no instance owns the conversation's partition yet");
        }
        return metadata.activeHost().equals(self.get())
                ? new Owner.Here(OptionalInt.of(metadata.partition()))
                : new Owner.Elsewhere(metadata.activeHost());
    }

    /**
     * The partition to read {@code conversationId} from on this instance (empty: all of them, when it answers alone).
     *
     * @throws ApiException 503 {@code <what>_unavailable} if another instance, or none, owns it right now
     */
    public OptionalInt localPartition(String conversationId, String what) {
        Owner owner = ownerOf(conversationId);
        if (owner instanceof Owner.Here here) {
            return here.partition();
        }
        String reason = owner instanceof Owner.Nobody nobody ? nobody.reason()
                : "its partition has just moved to " + ((Owner.Elsewhere) owner).host();
        throw Unavailable.of(what, "the " + what.replace('_', ' ') + " of conversation '"
                + conversationId + "' cannot be read here right now (" + reason + "); retry shortly");
    }

    /**
     * The other instances of the group, for answers spread over all of them (statistics, a response found by its id
     * alone); empty when this one answers alone.
     *
     * @throws ApiException 503 {@code <what>_unavailable} while the group rebalances: part of the answer would be
     *                      missing
     */
    public List<HostInfo> others(String what) {
        if (self.isEmpty()) {
            return List.of();
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw Unavailable.of(what, what.replace('_', ' ')
                    + " cannot be read right now (Kafka Streams is " + streams.state() + "); retry shortly");
        }
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.get()))
                .distinct()
                .toList();
    }
}
