package tokenstream.ingest.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress of recently pushed responses, bounded so that memory does not grow with traffic:
 * the least recently pushed response is forgotten first (never one that is being pushed right now).
 */
@ApplicationScoped
public class ResponseProgressTracker {
    private final Map<String, ResponseProgress> byResponse;

    public ResponseProgressTracker(PushConfig config) {
        int capacity = config.trackedResponses();
        this.byResponse = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ResponseProgress> eldest) {
                return size() > capacity && !eldest.getValue().lock.isLocked();
            }
        };
    }

    /** The progress of the response, created (unknown) on first use. */
    synchronized ResponseProgress of(String responseId) {
        return byResponse.computeIfAbsent(responseId, id -> new ResponseProgress());
    }
}
