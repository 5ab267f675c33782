package tokenstream.ingest.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of recently pushed responses, bounded so that memory does not grow with traffic:
 * the least recently pushed response is forgotten first (never one that is being pushed right now).
 */
@ApplicationScoped
public class ResponseProgressTracker {
    private final Map<String, ResponseProgress> byResponse;
    /** Responses started and not ended here, forgotten by the LRU or not: the idle watchdog owes each an end. */
    private final Map<String, ResponseProgress> open = new ConcurrentHashMap<>();

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
        return byResponse.computeIfAbsent(responseId, ResponseProgress::new);
    }

    /** Records whether the response is owed a terminal event; call with its lock held, after its writes. */
    void update(ResponseProgress progress) {
        if (progress.open()) {
            open.put(progress.responseId, progress);
        } else {
            open.remove(progress.responseId, progress);
        }
    }

    /** The responses started and not yet ended on this instance. */
    Collection<ResponseProgress> open() {
        return open.values();
    }
}
