package tokenstream.relay.tail;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@code String} per conversation id and response id instead of one per record. The recent-events window keeps
 * every record of the last minutes on the heap, and each young collection copies what it keeps: a conversation's
 * records sharing their ids cut that to the record itself and its frame's buffer (scenario 1 of {@code bench/}
 * reads 30,000 records a second). Bounded: forgotten all at once when full, which costs only sharing, not
 * correctness. One per thread, as {@link FrameMemory}: the tail and each catch-up reader read their own records.
 *
 * <p>Anything that can write to the topic chooses the keys and headers, up to the broker's record size: an id longer
 * than {@link #MAX_LENGTH} is passed through unshared, so what this keeps stays within a few MB whatever comes.
 */
final class SharedIds {
    static final int CAPACITY = 16_384;
    /** Longer than any id the services accept (conversation ids are at most 128 characters). */
    static final int MAX_LENGTH = 256;
    private static final ThreadLocal<SharedIds> OF_THIS_THREAD = ThreadLocal.withInitial(SharedIds::new);

    private final Map<String, String> ids = new HashMap<>();

    static SharedIds ofThisThread() {
        return OF_THIS_THREAD.get();
    }

    /** The instance equal to {@code id} this thread saw first, or {@code id} itself; null and over-long ids as they are. */
    String shared(String id) {
        if (id == null || id.length() > MAX_LENGTH) {
            return id;
        }
        String known = ids.get(id);
        if (known != null) {
            return known;
        }
        if (ids.size() >= CAPACITY) {
            ids.clear();
        }
        ids.put(id, id);
        return id;
    }

    int size() {
        return ids.size();
    }
}
