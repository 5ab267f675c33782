package tokenstream.ingest.upstream.openai;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Ingest with {@code tokenstream.ingest.upstream=openai} against a fake server. */
public class OpenAiUpstreamProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOpenAiResource.class));
    }
}
