package tokenstream.ingest.control;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;

import java.util.concurrent.CompletableFuture;

/** Sends control messages on the channel {@code control-out}, keyed by conversation id. */
@ApplicationScoped
public class ControlPublisher {
    private final Emitter<byte[]> emitter;

    public ControlPublisher(@Channel("control-out") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has the message (the channel writes with {@code acks=all}). */
    public CompletableFuture<Void> publish(ControlMessage message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            emitter.send(Message.of(ControlMessageCodec.write(message))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(message.conversationId()).build())
                    .withAck(() -> {
                        written.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(error -> {
                        written.completeExceptionally(error);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            // The emitter refuses at once while its channel is down or its buffer is full.
            written.completeExceptionally(e);
        }
        return written;
    }
}
