package tokenstream.ingest.upstream.anthropic;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Ingest with {@code tokenstream.ingest.upstream=anthropic} against a fake server. */
public class AnthropicUpstreamProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeAnthropicResource.class));
    }
}
