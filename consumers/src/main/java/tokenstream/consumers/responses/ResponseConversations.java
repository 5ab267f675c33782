package tokenstream.consumers.responses;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.state.HostInfo;
import tokenstream.consumers.cluster.PartitionOwners;
import tokenstream.consumers.cluster.PeerReads;
import tokenstream.consumers.interactive.Unavailable;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * The conversations in which a response id has been seen, over the whole group: each instance indexes the
 * responses of its own partitions, so the others are asked for theirs.
 */
@ApplicationScoped
public class ResponseConversations {
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
                conversations.addAll(read(peers.get(peer, path, authorization, "responses")));
            }
        }
        return new Found(responseId, List.copyOf(conversations));
    }

    private static List<String> read(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw Unavailable.of("responses", "another consumers instance answered "
                    + answer.statusCode() + " for its share of the index; retry shortly");
        }
        try {
            JsonNode conversations = ProtocolJson.mapper().readTree(answer.body()).path("conversations");
            return ProtocolJson.mapper().convertValue(conversations,
                    ProtocolJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        } catch (IOException | IllegalArgumentException e) {
            throw Unavailable.of("responses", "another consumers instance answered its share of "
                    + "the index with a body that is not a list of conversations; retry shortly");
        }
    }
}
