package tokenstream.servicekit.topics;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import tokenstream.kafkasetup.KafkaConnection;
import tokenstream.kafkasetup.ProvisionReport;
import tokenstream.kafkasetup.StartupTopics;
import tokenstream.protocol.TopicNames;
import tokenstream.kafkasetup.TopicSettings;

/**
 * Creates or checks the topics before anything else starts, so a fresh cluster needs no separate setup step and
 * a chunks topic whose partition count changed stops this service instead of scrambling conversations.
 */
@ApplicationScoped
public class TopicsAtStartup {
    private static final Logger LOG = Logger.getLogger(TopicsAtStartup.class);

    @Inject
    TopicsConfig config;

    @Inject
    KafkaConnection connection;

    void ensureTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!config.autoCreate()) {
            LOG.debug("tokenstream.topics.auto-create=false: topics are left to the operator");
            return;
        }
        TopicSettings settings = new TopicSettings(
                new TopicNames(config.chunks(), config.responses(), config.control(), config.deadLetter(),
                        config.responseOwners()),
                config.chunksPartitions(), config.replicationFactor(), config.minInsyncReplicas(),
                config.chunksRetention(), config.controlRetention());
        ProvisionReport report = StartupTopics.ensure(connection, settings, config.startupTimeout());
        report.created().forEach(topic -> LOG.infof("created topic %s", topic));
        report.drift().forEach(drift -> LOG.warnf("topic drift (left as it is): %s", drift));
    }
}
