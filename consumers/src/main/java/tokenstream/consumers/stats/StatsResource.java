package tokenstream.consumers.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import tokenstream.consumers.cluster.PeerReads;
import tokenstream.consumers.ConsumersConfig;
import tokenstream.protocol.ProtocolJson;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/stats[?model=]}: per-model statistics of ended responses in tumbling windows by start time,
 * the same summaries as on the response-stats topic, from every instance of the group.
 */
@Path("/v1/stats")
public class StatsResource {
    private final ResponseStatistics statistics;
    private final ConsumersConfig config;

    StatsResource(ResponseStatistics statistics, ConsumersConfig config) {
        this.statistics = statistics;
        this.config = config;
    }

    /** The body of {@code GET /v1/stats}. */
    public record StatsPage(long windowSizeMs, List<ModelWindowStats> windows) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String stats(@QueryParam("model") String model, @HeaderParam(PeerReads.SCOPE_HEADER) String scope,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws JsonProcessingException {
        List<ModelWindowStats> windows = statistics.windows(Optional.ofNullable(model).filter(m -> !m.isEmpty()),
                PeerReads.local(scope), authorization);
        return ProtocolJson.mapper().writeValueAsString(new StatsPage(config.statsWindow().toMillis(), windows));
    }
}
