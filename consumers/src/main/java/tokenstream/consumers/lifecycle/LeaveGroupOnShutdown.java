package tokenstream.consumers.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Closes Kafka Streams leaving its consumer group before the Quarkus extension closes it without leaving (Kafka
 * Streams' default). Without this, a restarted instance waits for the group to expire the old member
 * ({@code session.timeout.ms}, 45 s), rebalancing the whole time: every read answers 503 and no response is audited,
 * for a plain rolling restart.
 */
@ApplicationScoped
public class LeaveGroupOnShutdown {
    private static final Logger LOG = Logger.getLogger(LeaveGroupOnShutdown.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaStreams streams;

    LeaveGroupOnShutdown(KafkaStreams streams) {
        this.streams = streams;
    }

    // Priority 1: before the extension's own observer, which closes without leaving (then ours would be a no-op).
    void leaveGroup(@Observes @Priority(1) ShutdownEvent shutdown) {
        boolean closed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
        LOG.infof("Kafka Streams closed, leaving its group%s", closed ? "" : " (timed out after " + CLOSE_TIMEOUT + ")");
    }
}
