package tokenstream.ingest.upstream;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.stream.Collectors;

/** The upstream named by {@code tokenstream.ingest.upstream}, resolved at startup so a typo fails fast. */
@Startup
@ApplicationScoped
public class SelectedUpstream {
    private final ModelUpstream upstream;

    public SelectedUpstream(@ConfigProperty(name = "tokenstream.ingest.upstream") String name,
                            Instance<ModelUpstream> upstreams) {
        this.upstream = upstreams.stream()
                .filter(u -> u.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("tokenstream.ingest.upstream=" + name
                        + " names no upstream; known: " + upstreams.stream().map(ModelUpstream::name)
                        .collect(Collectors.joining(", "))));
    }

    public ModelUpstream get() {
        return upstream;
    }
}
