package tokenstream.ingest.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.protocol.ResponseClaim;
import tokenstream.servicekit.web.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which conversation and producer each response id belongs to, shared by every ingest instance and kept across
 * restarts on the response-owners topic. A response id is claimed by the first start or push that writes into it;
 * afterwards only the same producer, in the same conversation, may write into it. Without this, a producer allowed in
 * one conversation could write under a response id of another and corrupt that response's audit record.
 *
 * <p>A new id is claimed by writing a claim and reading the topic up to it: the first claim of an id in log order
 * owns it, whichever instance wrote it (see {@link OwnershipLog}).
 */
@ApplicationScoped
public class ResponseOwners {
    private static final Logger LOG = Logger.getLogger(ResponseOwners.class);

    private final OwnersTopicReader reader;
    private final ClaimWriter writer;
    private final Duration claimTimeout;
    private final long ackWaitMillis;

    public ResponseOwners(OwnersTopicReader reader, ClaimWriter writer, OwnersConfig config,
                          ChunkWriterConfig writerConfig) {
        this.reader = reader;
        this.writer = writer;
        this.claimTimeout = config.claimTimeout();
        this.ackWaitMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
    }

    /**
     * Refuses a producer that may not write into a response id already claimed; changes nothing.
     *
     * @return whether the id is claimed (by this producer in this conversation); false if it is free as far as this
     * instance has read, in which case the first write into it must {@link #claim} it
     * @throws ApiException 409 {@code response_id_taken} (another conversation) or 403 {@code not_owner}
     */
    public boolean check(String conversationId, String responseId, Principal principal) {
        Optional<ResponseClaim> owner = reader.owner(responseId);
        owner.ifPresent(claim -> refuseUnlessHeldBy(claim, new ResponseClaim(conversationId, principal.name(),
                Instant.now()), responseId));
        return owner.isPresent();
    }

    /**
     * Like {@link #check}, with when the id was claimed.
     *
     * @return when the id was claimed (by this producer in this conversation); empty if it is free as far as this
     * instance has read
     */
    public Optional<Instant> claimedAt(String conversationId, String responseId, Principal principal) {
        return check(conversationId, responseId, principal)
                ? reader.owner(responseId).map(ResponseClaim::claimedAt) : Optional.empty();
    }

    /**
     * Makes the producer the owner of the response id in this conversation, or checks that it already is.
     *
     * @return when the id was claimed if not by this call (another push of the producer's claimed it first, maybe
     * through another instance); empty if this call's claim is the owner
     * @throws ApiException 409 {@code response_id_taken} when the id belongs to another conversation, 403
     *                      {@code not_owner} when another producer owns it, 503 {@code kafka_unavailable} when the
     *                      claim could not be written or read back in time
     */
    public Optional<Instant> claim(String conversationId, String responseId, Principal principal) {
        Optional<Instant> claimed = claimedAt(conversationId, responseId, principal);
        if (claimed.isPresent()) {
            return claimed;
        }
        ResponseClaim wanted = new ResponseClaim(conversationId, principal.name(), Instant.now());
        RecordMetadata written = write(responseId, wanted);
        awaitRead(written);
        ResponseClaim owner = reader.owner(responseId).orElse(wanted);
        if (!owner.sameHolder(wanted)) {
            // Lost a race: put the owner's claim after ours, so compaction (which keeps the last) keeps the owner.
            LOG.infof("claim of response %s for conversation %s lost to an earlier one", responseId, conversationId);
            writer.write(responseId, owner);
        }
        refuseUnlessHeldBy(owner, wanted, responseId);
        // The same producer's earlier claim through another instance: that instance may have written events already.
        return owner.claimedAt().equals(wanted.claimedAt()) ? Optional.empty() : Optional.of(owner.claimedAt());
    }

    private static void refuseUnlessHeldBy(ResponseClaim owner, ResponseClaim wanted, String responseId) {
        if (!owner.conversationId().equals(wanted.conversationId())) {
            // Never name the other conversation: that is not the caller's to know.
            throw new ApiException(409, "response_id_taken", "response id " + responseId
                    + " is already used in another conversation; choose another response id");
        }
        if (!owner.owner().equals(wanted.owner())) {
            throw new ApiException(403, "not_owner", "response " + responseId + " belongs to another producer");
        }
    }

    private RecordMetadata write(String responseId, ResponseClaim claim) {
        try {
            return writer.write(responseId, claim).get(ackWaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable("the claim of response " + responseId + " could not be written: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unavailable("Kafka did not acknowledge the claim of response " + responseId + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "ingest is shutting down; retry on another instance");
        }
    }

    private void awaitRead(RecordMetadata written) {
        try {
            if (!reader.awaitRead(written.partition(), written.offset(), claimTimeout)) {
                throw unavailable("the claim was written but not read back within " + claimTimeout
                        + " (" + reader.state() + "); retry the request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "ingest is shutting down; retry on another instance");
        }
    }

    private static ApiException unavailable(String message) {
        return new ApiException(503, "kafka_unavailable", message);
    }
}
