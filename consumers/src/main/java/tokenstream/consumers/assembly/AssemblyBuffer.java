package tokenstream.consumers.assembly;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tokenstream.protocol.ResponseStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The assembly states, parts and last-record times of one task's responses that changed since the task's last
 * commit, written to their stores once per commit ({@link BeforeCommit}) instead of once per event. A response
 * spans many events per commit, so this turns a state-store write (and its JSON, its changelog record and, for the
 * parts, a delete at the end) per event into one per response and commit. Consecutive text parts written together
 * become one part with the number of the first: the stored content is the same text in the same order.
 *
 * <p>Exactly-once: everything here is written inside the transaction that commits the offsets of the events that
 * produced it. A crash loses the buffer together with that transaction; the stores come back at the last commit
 * and the events after it are applied again. States of open responses stay here after the commit (clean) so that
 * the next event needs no store read; the stores are this task's alone, so the copy cannot go stale.
 */
final class AssemblyBuffer {
    private final KeyValueStore<String, AssemblyState> states;
    private final KeyValueStore<String, ResponsePart> parts;
    private final KeyValueStore<String, Long> openResponses;
    private final Map<String, Entry> entries = new HashMap<>();

    /** One response: its latest state and what of it the stores do not have yet. */
    private static final class Entry {
        /** Null only until the response's state is first read or put. */
        AssemblyState state;
        boolean stateDirty;
        long lastRecordAt = -1;
        final List<KeyValue<Long, ResponsePart>> pendingParts = new ArrayList<>();
        StringBuilder textRun;
        long textRunNumber;
    }

    AssemblyBuffer(KeyValueStore<String, AssemblyState> states, KeyValueStore<String, ResponsePart> parts,
                   KeyValueStore<String, Long> openResponses) {
        this.states = states;
        this.parts = parts;
        this.openResponses = openResponses;
    }

    /** The latest state of a response, or null if it has none. */
    AssemblyState state(String responseKey) {
        Entry entry = entries.get(responseKey);
        if (entry != null && entry.state != null) {
            return entry.state;
        }
        AssemblyState stored = states.get(responseKey);
        if (stored != null && stored.status() == ResponseStatus.IN_PROGRESS) {
            entries.computeIfAbsent(responseKey, key -> new Entry()).state = stored;
        }
        return stored;
    }

    void put(String responseKey, AssemblyState state) {
        Entry entry = entries.computeIfAbsent(responseKey, key -> new Entry());
        entry.state = state;
        entry.stateDirty = true;
    }

    /** The time of the response's last record (its timestamp, at most the wall clock), for the abandon sweep. */
    void recordAt(String responseKey, long now) {
        entries.computeIfAbsent(responseKey, key -> new Entry()).lastRecordAt = now;
    }

    /** The response is no longer open: the abandon sweep stops watching it. */
    void forgetOpen(String responseKey) {
        Entry entry = entries.get(responseKey);
        if (entry != null) {
            entry.lastRecordAt = -1;
        }
        openResponses.delete(responseKey);
    }

    /** Appends part number {@code number} to the response's content. */
    void append(String responseKey, long number, ResponsePart part) {
        Entry entry = entries.computeIfAbsent(responseKey, key -> new Entry());
        if (part.text() != null) {
            if (entry.textRun == null) {
                entry.textRun = new StringBuilder(part.text());
                entry.textRunNumber = number;
            } else {
                entry.textRun.append(part.text());
            }
            return;
        }
        endTextRun(entry);
        entry.pendingParts.add(KeyValue.pair(number, part));
    }

    /** Every part of the response, stored and pending, in order. */
    List<ResponsePart> parts(String responseKey) {
        List<ResponsePart> found = new ArrayList<>();
        try (KeyValueIterator<String, ResponsePart> range = parts.prefixScan(PartKey.prefix(responseKey),
                Serdes.String().serializer())) {
            while (range.hasNext()) {
                KeyValue<String, ResponsePart> stored = range.next();
                if (PartKey.belongsTo(stored.key, responseKey)) {
                    found.add(stored.value);
                }
            }
        }
        Entry entry = entries.get(responseKey);
        if (entry != null) {
            endTextRun(entry);
            entry.pendingParts.forEach(pending -> found.add(pending.value));
        }
        return found;
    }

    /** Drops every part of the response, stored and pending. */
    void dropParts(String responseKey) {
        Entry entry = entries.get(responseKey);
        if (entry != null) {
            entry.pendingParts.clear();
            entry.textRun = null;
        }
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ResponsePart> range = parts.prefixScan(PartKey.prefix(responseKey),
                Serdes.String().serializer())) {
            range.forEachRemaining(stored -> {
                if (PartKey.belongsTo(stored.key, responseKey)) {
                    keys.add(stored.key);
                }
            });
        }
        keys.forEach(parts::delete);
    }

    /** Writes everything pending to the stores; keeps the states of open responses, forgets the rest. */
    void flush() {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> next = it.next();
            String responseKey = next.getKey();
            Entry entry = next.getValue();
            endTextRun(entry);
            for (KeyValue<Long, ResponsePart> pending : entry.pendingParts) {
                parts.put(PartKey.of(responseKey, pending.key), pending.value);
            }
            entry.pendingParts.clear();
            if (entry.stateDirty) {
                states.put(responseKey, entry.state);
                entry.stateDirty = false;
            }
            if (entry.lastRecordAt >= 0) {
                openResponses.put(responseKey, entry.lastRecordAt);
                entry.lastRecordAt = -1;
            }
            if (entry.state == null || entry.state.status() != ResponseStatus.IN_PROGRESS) {
                it.remove();
            }
        }
    }

    /** Forgets everything: the stores are back at the last commit (a task initialised again after an error). */
    void clear() {
        entries.clear();
    }

    private static void endTextRun(Entry entry) {
        if (entry.textRun != null) {
            entry.pendingParts.add(KeyValue.pair(entry.textRunNumber, ResponsePart.text(entry.textRun.toString())));
            entry.textRun = null;
        }
    }
}
