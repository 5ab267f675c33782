package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.StreamingHttpCall;
import tokenstream.ingest.upstream.UpstreamListener;

/** The Messages API's wire format of a {@link StreamingHttpCall}: its events, and what its HTTP errors mean. */
final class MessagesWireFormat implements StreamingHttpCall.WireFormat {

    @Override
    public StreamingHttpCall.LineReader reader(UpstreamListener listener) {
        return new MessagesEventReader(listener);
    }

    /** The error body's {@code error.type} decides the code when there is one; the status otherwise. */
    @Override
    public void httpError(int status, String body, UpstreamListener listener) {
        JsonNode error = AnthropicErrors.errorIn(body);
        String code = error == null ? AnthropicErrors.codeOf(status) : AnthropicErrors.codeOf(error.path("type").asText());
        String detail = error == null ? body : AnthropicErrors.describe(error);
        listener.onFailed(code, "the upstream answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), null);
    }
}
