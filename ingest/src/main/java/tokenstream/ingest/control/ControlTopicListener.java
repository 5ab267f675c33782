package tokenstream.ingest.control;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import tokenstream.ingest.generation.GenerationRegistry;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.MalformedEventException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Applies the control topic's cancels and relay presence reports to the generations this instance runs.
 *
 * <p>The channel {@code control-in} (Quarkus Messaging) reads every partition: each instance is a consumer group of
 * its own, because each must see each cancel (only the one running the response acts on it).
 * {@link ControlPositions} fixes the positions at the end of the topic, and readiness waits for that, so a cancel
 * sent once an instance is ready is never missed and old messages about responses this process never ran are not
 * read.
 *
 * <p>An unreadable record is nacked: the channel's failure strategy ({@code dead-letter-queue}) copies it to the
 * dead-letter topic with the reason, plus where it came from in {@code dead-letter-source}, and reading goes on.
 */
@ApplicationScoped
public class ControlTopicListener {
    private static final Logger LOG = Logger.getLogger(ControlTopicListener.class);

    private final GenerationRegistry registry;

    public ControlTopicListener(GenerationRegistry registry) {
        this.registry = registry;
    }

    // Blocking: a cancel writes the response's last event, and a full producer buffer may block that call.
    @Incoming("control-in")
    @Blocking
    public CompletionStage<Void> apply(Message<byte[]> message) {
        ControlMessage control;
        try {
            control = ControlMessageCodec.read(message.getPayload());
        } catch (MalformedEventException e) {
            String source = sourceOf(message);
            LOG.warnf("skipping unreadable control record at %s: %s", source, e.getMessage());
            return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(List.of(
                    new RecordHeader(EventHeaders.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8)))).build()));
        }
        try {
            if (control instanceof ControlMessage.Cancel cancel) {
                var outcome = registry.cancel(cancel.conversationId(), cancel.responseId(), reasonOf(cancel));
                LOG.debugf("cancel of %s from the control topic: %s", cancel.responseId(), outcome.status());
            } else if (control instanceof ControlMessage.Presence presence) {
                registry.presence(presence.responseIds());
            }
        } catch (RuntimeException e) {
            // A readable message this instance could not apply is not poison: another record would fail the same way.
            LOG.errorf(e, "control message %s could not be applied", control);
        }
        return message.ack();
    }

    private static String sourceOf(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> record.getTopic() + "/" + record.getPartition() + "/" + record.getOffset())
                .orElse("unknown");
    }

    private static String reasonOf(ControlMessage.Cancel cancel) {
        return cancel.reason() == null || cancel.reason().isBlank() ? FailureCodes.REASON_REQUESTED : cancel.reason();
    }
}
