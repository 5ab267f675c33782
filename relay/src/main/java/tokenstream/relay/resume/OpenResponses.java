package tokenstream.relay.resume;

import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.relay.tail.ChunkRecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each conversation's in-progress response started, learnt from the shared tail, so that a client
 * that connects without a position sees the answer being written from its first token.
 */
@ApplicationScoped
public class OpenResponses {
    /** A response with no terminal event after this long is presumed dead and no longer offered. */
    static final Duration MAX_OPEN_AGE = Duration.ofMinutes(30);

    private record Start(long offset, long timestampMillis) {
    }

    private final ConcurrentHashMap<String, Map<String, Start>> byConversation = new ConcurrentHashMap<>();

    /** Called by the tail for every record, in offset order. */
    public void observe(ChunkRecord record) {
        if (record.responseId() == null) {
            return;
        }
        if (record.started()) {
            byConversation.compute(record.conversationId(), (id, open) -> {
                Map<String, Start> starts = open == null ? new LinkedHashMap<>() : open;
                starts.put(record.responseId(), new Start(record.offset(), record.timestampMillis()));
                return starts;
            });
        } else if (record.terminal()) {
            byConversation.computeIfPresent(record.conversationId(), (id, open) -> {
                open.remove(record.responseId());
                return open.isEmpty() ? null : open;
            });
        }
    }

    /** A snapshot of the open responses' ids by conversation, for presence reports. */
    public Map<String, java.util.List<String>> openResponseIds() {
        Map<String, java.util.List<String>> snapshot = new java.util.HashMap<>();
        // The per-conversation maps are only safe to read under their bin's lock, as compute holds it.
        for (String conversation : byConversation.keySet()) {
            byConversation.computeIfPresent(conversation, (id, open) -> {
                snapshot.put(id, java.util.List.copyOf(open.keySet()));
                return open;
            });
        }
        return snapshot;
    }

    /** Offset of the earliest still-open response's {@code response.started} in this conversation. */
    public Optional<Long> startOf(String conversationId) {
        long oldest = System.currentTimeMillis() - MAX_OPEN_AGE.toMillis();
        var result = new long[]{-1};
        byConversation.computeIfPresent(conversationId, (id, open) -> {
            open.values().removeIf(start -> start.timestampMillis() < oldest);
            open.values().stream().mapToLong(Start::offset).min().ifPresent(min -> result[0] = min);
            return open.isEmpty() ? null : open;
        });
        return result[0] < 0 ? Optional.empty() : Optional.of(result[0]);
    }
}
