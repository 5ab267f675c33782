package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Streams from Anthropic's Messages API ({@code POST /v1/messages}, {@code stream: true}) with the JDK HTTP client
 * (HTTP/1.1, so a cancel closes the connection and the model stops: {@link StreamingHttpCall#client}).
 */
@ApplicationScoped
public class AnthropicUpstream implements ModelUpstream {
    public static final String NAME = "anthropic";

    private final AnthropicConfig config;
    private final String defaultModel;
    private final HttpClient http;
    private final ExecutorService readers;

    public AnthropicUpstream(AnthropicConfig config,
                             @ConfigProperty(name = "tokenstream.ingest.default-model") String defaultModel) {
        this.config = config;
        this.defaultModel = defaultModel;
        this.readers = StreamingHttpCall.readerThreads("anthropic-stream");
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
            body = ProtocolJson.mapper().writeValueAsBytes(MessagesRequest.body(request, model, config.defaultMaxTokens()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the messages request", e);
        }
        String base = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base + "/messages"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("anthropic-version", config.version())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(key -> call.header("x-api-key", key));
        StreamingHttpCall stream = new StreamingHttpCall(listener, new MessagesWireFormat());
        stream.start(http.sendAsync(call.build(), HttpResponse.BodyHandlers.ofInputStream()), readers);
        return stream;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
