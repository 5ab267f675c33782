package tokenstream.consumers.transcripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import tokenstream.consumers.ConsumersConfig;
import tokenstream.servicekit.web.ApiException;
import tokenstream.protocol.ProtocolJson;

import java.util.Optional;

/**
 * {@code GET /v1/conversations/{conversationId}/transcript?page_size=&page_token=}: the conversation's assembled
 * responses in the order they started, a page at a time.
 */
@Path("/v1/conversations")
public class TranscriptResource {
    private final Transcripts transcripts;
    private final ConsumersConfig config;

    TranscriptResource(Transcripts transcripts, ConsumersConfig config) {
        this.transcripts = transcripts;
        this.config = config;
    }

    @GET
    @Path("/{conversationId}/transcript")
    @Produces(MediaType.APPLICATION_JSON)
    public String transcript(@PathParam("conversationId") String conversationId,
                             @QueryParam("page_size") String pageSize,
                             @QueryParam("page_token") String pageToken) throws JsonProcessingException {
        int size = pageSize(pageSize);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty() : Optional.of(PageToken.decode(pageToken));
        TranscriptPage page = transcripts.page(conversationId, after, size);
        if (after.isEmpty() && page.responses().isEmpty()) {
            throw new ApiException(404, "conversation_not_found",
                    "no response of conversation '" + conversationId + "' has been seen yet");
        }
        // The wire JSON (snake_case, as on the responses topic), not the HTTP layer's own Jackson settings.
        return ProtocolJson.mapper().writeValueAsString(page);
    }

    private int pageSize(String text) {
        if (text == null || text.isEmpty()) {
            return config.transcript().defaultPageSize();
        }
        int max = config.transcript().maxPageSize();
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException e) {
            // same answer as an out-of-range number
        }
        throw new ApiException(400, "invalid_page_size", "page_size must be a whole number from 1 to " + max
                + ", got '" + text + "'");
    }
}
