package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions request as the relay serves it: how to answer, and the start body ingest gets.
 *
 * @param stream       {@code stream}: chunks as server-sent events, or one {@code chat.completion} at the end
 * @param includeUsage {@code stream_options.include_usage}: a last chunk with the token counts
 * @param startBody    the body of ingest's {@code POST /v1/conversations/{id}/responses}
 */
public record ChatRequest(boolean stream, boolean includeUsage, ObjectNode startBody) {
}
