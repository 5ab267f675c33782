package tokenstream.ingest.control;

import tokenstream.kafkasetup.KafkaConnection;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import tokenstream.ingest.generation.GenerationRegistry;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.MalformedEventException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads every control message on every partition, from the end of the topic at startup: no consumer
 * group, because each instance must see each cancel (only the one running the response acts on it) and
 * old messages are about responses this process never ran.
 *
 * <p>Positions are fixed before startup completes, so a cancel published after this instance is up is
 * never missed. Unreadable records are logged and dead-lettered, never retried.
 */
@Startup
@ApplicationScoped
public class ControlTopicListener {
    private static final Logger LOG = Logger.getLogger(ControlTopicListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final GenerationRegistry registry;
    private final ControlPublisher publisher;
    private final String topic;
    private final Thread thread;
    private boolean assigned;
    private volatile boolean running = true;

    public ControlTopicListener(KafkaConnection connection,
                                ControlConfig config, GenerationRegistry registry, ControlPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
        this.consumer = new KafkaConsumer<>(connection.clientProperties(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-control",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Cancels should act within milliseconds: answer fetches as soon as any byte is there.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)), new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = config.controlTopic();
        // Normally the positions are fixed here, before startup completes, so no cancel sent after it is missed.
        this.assigned = tryAssign(Duration.ofSeconds(10));
        this.thread = new Thread(this::run, "control-topic-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Assigns every partition of the control topic at its end; false if the topic cannot be found yet. */
    private boolean tryAssign(Duration patience) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, patience).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                LOG.warnf("control topic %s not found; cancels from other instances and presence are not received until it exists", topic);
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            LOG.infof("listening to %d partitions of %s", partitions.size(), topic);
            return true;
        } catch (org.apache.kafka.common.KafkaException e) {
            LOG.warnf("control topic %s not reachable (%s); retrying", topic, e.getMessage());
            return false;
        }
    }

    private void run() {
        try {
            while (running) {
                if (!assigned) {
                    assigned = tryAssign(Duration.ofSeconds(5));
                    if (!assigned) {
                        Thread.sleep(2_000);
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("control topic listener stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        ControlMessage message;
        try {
            message = ControlMessageCodec.read(record.value());
        } catch (MalformedEventException e) {
            String source = record.topic() + "/" + record.partition() + "/" + record.offset();
            LOG.warnf("skipping unreadable control record at %s: %s", source, e.getMessage());
            publisher.deadLetter(record.key(), record.value(), e.getMessage(), source);
            return;
        }
        try {
            if (message instanceof ControlMessage.Cancel cancel) {
                var outcome = registry.cancel(cancel.conversationId(), cancel.responseId(), reasonOf(cancel));
                LOG.debugf("cancel of %s from the control topic: %s", cancel.responseId(), outcome.status());
            } else if (message instanceof ControlMessage.Presence presence) {
                registry.presence(presence.responseIds());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "control message %s could not be applied", message);
        }
    }

    private static String reasonOf(ControlMessage.Cancel cancel) {
        return cancel.reason() == null || cancel.reason().isBlank() ? tokenstream.protocol.FailureCodes.REASON_REQUESTED
                : cancel.reason();
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
