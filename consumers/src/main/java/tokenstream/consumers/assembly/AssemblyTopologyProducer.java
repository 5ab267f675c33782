package tokenstream.consumers.assembly;

import tokenstream.kafkasetup.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import tokenstream.consumers.ConsumersConfig;
import tokenstream.consumers.stats.StatsTopicProvisioner;
import tokenstream.consumers.tracing.AssemblySpans;
import tokenstream.servicekit.topics.TopicsConfig;

/** Hands the topology, with the configured topics and timeouts, to the Kafka Streams extension. */
@ApplicationScoped
public class AssemblyTopologyProducer {

    @Produces
    public Topology topology(ConsumersConfig config,
                             KafkaConnection connection, TopicsConfig topics, AssemblySpans spans) {
        // The stats topic is this service's own output and not part of the shared topic plan: make sure it exists
        // before the first transaction tries to write to it, as fault-tolerant as the topics of that plan.
        StatsTopicProvisioner.ensureExists(connection, config.topics().responseStats(), topics.replicationFactor(),
                topics.minInsyncReplicas());
        return ResponseTopology.build(new AssemblySettings(config.topics().chunks(), config.topics().responses(),
                config.topics().deadLetter(), config.topics().responseStats(), config.abandonAfter(),
                config.abandonCheckInterval(), config.statsWindow(), config.maxGaps(), config.maxRecordBytes()),
                spans.traces());
    }
}
