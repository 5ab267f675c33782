package tokenstream.consumers.stats;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.protocol.AssembledResponse;

import java.time.Duration;
import java.time.Instant;

/**
 * Adds each response (arriving keyed by model) that has just ended to the statistics of its model and start window, and publishes the
 * window's new summary. Windows are tumbling and placed by the response's own start time, so a rebuild from
 * the topic lands every response in the same window as the live run did.
 */
public final class ResponseStatsProcessor implements Processor<String, byte[], String, byte[]> {
    public static final String STATS_STORE = "response-stats-store";
    /** Statistics key of responses whose {@code response.started} was never seen. */
    public static final String UNKNOWN_MODEL = "unknown";

    private final long windowMillis;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, WindowStats> stats;

    public ResponseStatsProcessor(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.stats = context.getStateStore(STATS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        AssembledResponse response = AssembledResponseJson.read(record.value());
        String model = response.model() == null ? UNKNOWN_MODEL : response.model();
        Instant started = response.startedAt() != null ? response.startedAt() : response.firstEventAt();
        long startMillis = started.toEpochMilli();
        Instant windowStart = Instant.ofEpochMilli(startMillis - Math.floorMod(startMillis, windowMillis));
        String key = StatsKey.of(windowStart, model);
        WindowStats current = stats.get(key);
        WindowStats next = (current == null
                ? WindowStats.empty(model, windowStart, windowStart.plusMillis(windowMillis))
                : current).add(response);
        stats.put(key, next);
        context.forward(new Record<>(model + "@" + windowStart, WindowStatsJson.write(next.summary()),
                record.timestamp()));
    }
}
