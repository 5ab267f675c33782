package tokenstream.consumers.responses;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.state.HostInfo;
import tokenstream.consumers.cluster.PartitionOwners;
import tokenstream.consumers.cluster.PeerReads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * The conversations in which a response id has been seen, over the whole group: each instance indexes the
 * responses of its own partitions, so the others are asked for theirs.
 */
@ApplicationScoped
public class ResponseConversations {
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };

    private final AssembledResponses responses;
    private final PartitionOwners owners;
    private final PeerReads peers;

    ResponseConversations(AssembledResponses responses, PartitionOwners owners, PeerReads peers) {
        this.responses = responses;
        this.owners = owners;
        this.peers = peers;
    }

    /** The body of {@code GET /v1/responses/{responseId}/conversations}. */
    public record Found(String responseId, List<String> conversations) {
    }

    /** Every instance's share ({@code local}: this instance's only), in conversation id order. */
    public Found of(String responseId, boolean local, String authorization) {
        TreeSet<String> conversations = new TreeSet<>(responses.localConversationsOf(responseId));
        if (!local) {
            String path = "/v1/responses/" + URLEncoder.encode(responseId, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/conversations";
            for (HostInfo peer : owners.others("responses")) {
                conversations.addAll(peers.share(peer, path, authorization, "responses", "conversations", IDS));
            }
        }
        return new Found(responseId, List.copyOf(conversations));
    }
}
