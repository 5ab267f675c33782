package tokenstream.ingest.upstream.anthropic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import tokenstream.ingest.upstream.openai.FakeOpenAiServer;

import java.util.Map;

/**
 * Starts a fake server (the raw-socket one of the OpenAI tests: it replays whatever lines it is given) and points
 * ingest's Anthropic upstream at it.
 */
public class FakeAnthropicResource implements QuarkusTestResourceLifecycleManager {
    private static volatile FakeOpenAiServer server;

    public static FakeOpenAiServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new FakeOpenAiServer();
        return Map.of("tokenstream.ingest.upstream", "anthropic",
                "tokenstream.ingest.anthropic.base-url", server.baseUrl(),
                "tokenstream.ingest.anthropic.api-key", AnthropicStreamMappingTest.API_KEY,
                "tokenstream.ingest.anthropic.model", "claude-sonnet-4-5");
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (Exception e) {
            // the test run is over
        }
    }
}
