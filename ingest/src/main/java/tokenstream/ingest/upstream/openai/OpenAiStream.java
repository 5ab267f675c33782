package tokenstream.ingest.upstream.openai;

import tokenstream.ingest.upstream.StreamingHttpCall;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.protocol.FailureCodes;

/** The Chat Completions wire format of a {@link StreamingHttpCall}: every HTTP error is an {@code upstream_error}. */
final class OpenAiStream implements StreamingHttpCall.WireFormat {

    @Override
    public StreamingHttpCall.LineReader reader(UpstreamListener listener) {
        return new ChatCompletionChunkReader(listener);
    }

    @Override
    public void httpError(int status, String body, UpstreamListener listener) {
        listener.onFailed(FailureCodes.UPSTREAM_ERROR, "the upstream answered HTTP " + status
                + (body.isEmpty() ? "" : ": " + body), null);
    }
}
