package tokenstream.ingest.upstream.openai;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.ModelUpstream;
import tokenstream.ingest.upstream.StreamingHttpCall;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.ProtocolJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;

/**
 * Streams from an OpenAI-compatible Chat Completions endpoint with the JDK HTTP client (HTTP/1.1, see
 * {@link StreamingHttpCall#client}).
 */
@ApplicationScoped
public class OpenAiUpstream implements ModelUpstream {
    public static final String NAME = "openai";

    private final OpenAiConfig config;
    private final String defaultModel;
    private final HttpClient http;
    private final ExecutorService readers;

    public OpenAiUpstream(OpenAiConfig config, @ConfigProperty(name = "tokenstream.ingest.default-model") String defaultModel) {
        this.config = config;
        this.defaultModel = defaultModel;
        this.readers = StreamingHttpCall.readerThreads("openai-stream");
        this.http = StreamingHttpCall.client(config.connectTimeout());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UpstreamStream open(GenerationRequest request, UpstreamListener listener) {
        String model = request.model().equals(defaultModel) ? config.model().orElse(request.model()) : request.model();
        byte[] body;
        try {
            body = ProtocolJson.mapper().writeValueAsBytes(ChatCompletionRequest.body(request, model));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the chat completion request", e);
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(stripTrailingSlash(config.baseUrl()) + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(key -> call.header("Authorization", "Bearer " + key));
        StreamingHttpCall stream = new StreamingHttpCall(listener, new OpenAiStream());
        stream.start(http.sendAsync(call.build(), HttpResponse.BodyHandlers.ofInputStream()), readers);
        return stream;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
