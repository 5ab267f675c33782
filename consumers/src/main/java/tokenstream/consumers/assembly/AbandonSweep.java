package tokenstream.consumers.assembly;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import tokenstream.protocol.AssembledResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes as {@code abandoned} every open response of this task that has had no record for
 * {@code abandonAfter} of wall-clock time, so a crashed producer never leaves a response open forever.
 * Wall clock rather than stream time: stream time only moves when records arrive, and a dead producer is
 * precisely one that sends none. The last-activity times live in a changelogged store, so the clock keeps
 * running across restarts of this application.
 */
final class AbandonSweep implements Punctuator {
    private static final Logger LOG = Logger.getLogger(AbandonSweep.class);

    private final ProcessorContext<String, AssemblyOutput> context;
    private final KeyValueStore<String, AssembledResponse> responses;
    private final KeyValueStore<String, Long> openResponses;
    private final long abandonAfterMillis;

    AbandonSweep(ProcessorContext<String, AssemblyOutput> context, KeyValueStore<String, AssembledResponse> responses,
                 KeyValueStore<String, Long> openResponses, Duration abandonAfter) {
        this.context = context;
        this.responses = responses;
        this.openResponses = openResponses;
        this.abandonAfterMillis = abandonAfter.toMillis();
    }

    @Override
    public void punctuate(long now) {
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Long> open = openResponses.all()) {
            while (open.hasNext()) {
                KeyValue<String, Long> entry = open.next();
                if (now - entry.value >= abandonAfterMillis) {
                    quiet.add(entry.key);
                }
            }
        }
        for (String responseId : quiet) {
            openResponses.delete(responseId);
            AssembledResponse current = responses.get(responseId);
            if (current == null) {
                continue;
            }
            AssembledResponse abandoned = ResponseAssembler.abandon(current);
            if (abandoned == current) {
                continue;
            }
            LOG.infof("response %s of conversation %s abandoned: no event for %d ms after %d events",
                    responseId, current.conversationId(), abandonAfterMillis, current.eventCount());
            responses.put(responseId, abandoned);
            ResponseAssemblyProcessor.publish(context, abandoned, now);
            ResponseAssemblyProcessor.countEnded(context, abandoned, now);
        }
    }
}
