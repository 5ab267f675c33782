package tokenstream.consumers.assembly;

import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ResponseStatus;

/**
 * Where the assembly of one response stands, without its text: the value of
 * {@value ResponseTopology#ASSEMBLY_STATE_STORE}. Its size does not grow with the response (the gap list is bounded
 * by {@link ResponseAssembler.Limits#maxGaps()}), so rewriting it on every event costs O(1); the text and tool calls
 * are {@link ResponsePart}s in their own store.
 *
 * @param head            the audit record without text and tool calls
 * @param source          {@code response.started}'s {@code source} ({@code generation} or {@code push}); null if
 *                        not said (older writers) or not seen
 * @param parts           parts (text deltas, tool calls) kept so far; the next one is numbered with this (a run of
 *                        text deltas is stored as one part under the number of its first)
 * @param contentBytes    JSON size of the stored parts in the audit record
 * @param truncated       a part was not stored because it would have passed the content limit
 * @param terminalWritten the abandon sweep has written a terminal event for this response to the chunks topic
 */
public record AssemblyState(AssembledResponse head, String source, long parts, long contentBytes, boolean truncated,
                            boolean terminalWritten) {

    public ResponseStatus status() {
        return head.status();
    }

    /** The highest seq seen: every seq below {@code event_count + gaps} was applied or is a gap. */
    public long lastSeq() {
        return head.eventCount() + head.integrity().gaps().size() - 1;
    }

    public AssemblyState withTerminalWritten() {
        return new AssemblyState(head, source, parts, contentBytes, truncated, true);
    }
}
