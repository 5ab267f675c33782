package tokenstream.relay.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each conversation's in-progress response started, learnt from the partition's records, so that a client
 * that connects without a position sees the answer being written from its first token. Thread-safe on its own:
 * presence reports read it without the partition's lock.
 */
public final class OpenResponses {
    /** A response with no terminal event after this long is presumed dead and no longer offered. */
    static final long MAX_OPEN_AGE_MILLIS = 30 * 60 * 1000L;

    private record Start(long offset, long timestampMillis) {
    }

    private final ConcurrentHashMap<String, Map<String, Start>> byConversation = new ConcurrentHashMap<>();

    /** Called for every record of the partition, in offset order. */
    public void observe(RelayRecord record) {
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
    public Map<String, List<String>> openResponseIds() {
        Map<String, List<String>> snapshot = new HashMap<>();
        // The per-conversation maps are only safe to read under their bin's lock, as compute holds it.
        for (String conversation : byConversation.keySet()) {
            byConversation.computeIfPresent(conversation, (id, open) -> {
                snapshot.put(id, List.copyOf(open.keySet()));
                return open;
            });
        }
        return snapshot;
    }

    /** Offset of the earliest still-open response's {@code response.started} in this conversation. */
    public OptionalLong startOf(String conversationId, long nowMillis) {
        long oldest = nowMillis - MAX_OPEN_AGE_MILLIS;
        long[] result = {-1};
        byConversation.computeIfPresent(conversationId, (id, open) -> {
            open.values().removeIf(start -> start.timestampMillis() < oldest);
            open.values().stream().mapToLong(Start::offset).min().ifPresent(min -> result[0] = min);
            return open.isEmpty() ? null : open;
        });
        return result[0] < 0 ? OptionalLong.empty() : OptionalLong.of(result[0]);
    }
}
