package tokenstream.ingest.upstream.openai;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a {@link FakeOpenAiServer} and points ingest's OpenAI upstream at it. */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {
    private static volatile FakeOpenAiServer server;

    public static FakeOpenAiServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new FakeOpenAiServer();
        return Map.of("tokenstream.ingest.upstream", "openai",
                "tokenstream.ingest.openai.base-url", server.baseUrl(),
                "tokenstream.ingest.openai.model", "gpt-4o-mini");
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
