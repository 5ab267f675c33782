package tokenstream.bench.loadgen;

import java.util.HashMap;
import java.util.Map;

/**
 * One client's view of ordering: within a response, seq must go 0, 1, 2 … without gaps or repeats, across any
 * number of reconnects. The first event seen of a response sets the expectation, because a live subscriber may
 * join a response midway.
 */
public final class SequenceCheck {
    private final Map<String, Long> nextSeq = new HashMap<>(4);
    private long lost;
    private long duplicated;

    /** Accounts for one chunk event. */
    public void accept(String responseId, long seq) {
        Long expected = nextSeq.get(responseId);
        if (expected == null || seq == expected) {
            nextSeq.put(responseId, seq + 1);
        } else if (seq < expected) {
            duplicated++;
        } else {
            lost += seq - expected;
            nextSeq.put(responseId, seq + 1);
        }
    }

    /** Events skipped over: a seq arrived before the ones it follows. */
    public long lost() {
        return lost;
    }

    /** Events seen a second time (or out of order). */
    public long duplicated() {
        return duplicated;
    }

    /** Starts counting afresh, keeping what each response expects next. */
    public void reset() {
        lost = 0;
        duplicated = 0;
    }
}
