package tokenstream.ingest.push;

import tokenstream.protocol.ChunkEvent;

import java.util.List;

/**
 * Whether a push could open a response: its first non-blank line is a valid {@code response.started} with seq 0.
 * Only such a push claims a response id that nobody owns yet, so an empty push, or one that the processor would
 * refuse at its first line, cannot reserve an id.
 */
final class OpeningLine {
    private OpeningLine() {
    }

    static boolean opensResponse(List<byte[]> lines, String conversationId, String responseId, int maxLineBytes) {
        PushLineParser parser = new PushLineParser(conversationId, responseId, maxLineBytes);
        for (int i = 0; i < lines.size(); i++) {
            if (NdjsonBody.isBlank(lines.get(i))) {
                continue;
            }
            try {
                ChunkEvent first = parser.parse(lines.get(i), i + 1);
                return first instanceof ChunkEvent.ResponseStarted && first.seq() == 0;
            } catch (RejectedLine invalid) {
                return false;
            }
        }
        return false;
    }
}
