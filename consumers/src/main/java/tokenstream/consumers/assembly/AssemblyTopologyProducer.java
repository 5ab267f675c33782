package tokenstream.consumers.assembly;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import tokenstream.consumers.ConsumersConfig;

/** Hands the topology, with the configured topic names, to the Kafka Streams extension. */
@ApplicationScoped
public class AssemblyTopologyProducer {

    @Produces
    public Topology topology(ConsumersConfig config) {
        return ResponseTopology.build(config.topics().chunks(), config.topics().responses(),
                config.topics().deadLetter());
    }
}
