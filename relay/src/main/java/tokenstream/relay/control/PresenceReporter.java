package tokenstream.relay.control;

import tokenstream.kafkasetup.KafkaConnection;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.tail.ChunkTail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells ingest, on the control topic, which in-progress responses have someone watching on this relay:
 * every presence interval, one presence message per watched conversation with open responses. Ingest
 * cancels a response that asked for it ({@code cancel_when_unwatched_for}) when no relay has named it for
 * its grace period, so a reconnect to any relay within the grace period keeps it alive.
 */
@Startup
@ApplicationScoped
public class PresenceReporter {
    private static final Logger LOG = Logger.getLogger(PresenceReporter.class);

    private final ChunkTail tail;
    private final String controlTopic;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "presence-reporter");
        thread.setDaemon(true);
        return thread;
    });

    public PresenceReporter(ChunkTail tail, RelayConfig config,
                            KafkaConnection connection,
                            @ConfigProperty(name = "tokenstream.topics.control", defaultValue = "tokenstream.control") String controlTopic) {
        this.tail = tail;
        this.controlTopic = controlTopic;
        this.producer = new KafkaProducer<>(connection.clientProperties(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "tokenstream-relay-presence",
                // Presence is repeated every interval; a lost report is replaced by the next one.
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000)), new StringSerializer(), new ByteArraySerializer());
        long period = config.presenceInterval().toMillis();
        timer.scheduleWithFixedDelay(this::report, period, period, TimeUnit.MILLISECONDS);
    }

    void report() {
        try {
            Instant now = Instant.now();
            for (Map.Entry<String, List<String>> open : tail.watchedOpenResponses().entrySet()) {
                var presence = new ControlMessage.Presence(open.getKey(), open.getValue(), instance, now);
                producer.send(new ProducerRecord<>(controlTopic, open.getKey(), ControlMessageCodec.write(presence)));
            }
        } catch (RuntimeException e) {
            LOG.warn("presence report failed; the next interval tries again", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }
}
