package tokenstream.consumers.stats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Prometheus gauges of each model's latest statistics window, read from the response-stats topic on the channel
 * {@code response-stats-in} (Quarkus Messaging): {@code tokenstream_model_responses{model,outcome}},
 * {@code tokenstream_model_time_to_first_token_ms{model,quantile}}, {@code tokenstream_model_tokens_per_second{model}}
 * and {@code tokenstream_model_window_start_seconds{model}}.
 *
 * <p>Each instance reads the whole topic (a consumer group of its own) from its end, so any instance shows every
 * model once a window of it is updated. A record that is not a window summary goes to the dead-letter topic.
 */
@ApplicationScoped
public class ModelStatsGauges {
    private static final Logger LOG = Logger.getLogger(ModelStatsGauges.class);
    /** Models become label values: a name outside this shape is not exported (and not allowed to grow the registry). */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/@-]{1,128}");
    private static final int MAX_MODELS = 1_000;

    private final MeterRegistry registry;
    private final Map<String, ModelWindowStats> latest = new ConcurrentHashMap<>();

    public ModelStatsGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    @Incoming("response-stats-in")
    public CompletionStage<Void> record(Message<byte[]> message) {
        ModelWindowStats stats;
        try {
            stats = WindowStatsJson.read(message.getPayload(), ModelWindowStats.class);
            if (stats.model() == null || stats.windowStart() == null) {
                throw new IllegalArgumentException("not a window summary: model and window_start are required");
            }
        } catch (RuntimeException e) {
            String source = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(r -> r.getTopic() + "/" + r.getPartition() + "/" + r.getOffset()).orElse("unknown");
            LOG.warnf("skipping unreadable response-stats record at %s: %s", source, e.getMessage());
            return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(List.of(
                    new RecordHeader(EventHeaders.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8)))).build()));
        }
        if (MODEL.matcher(stats.model()).matches()) {
            show(stats);
        } else {
            LOG.debugf("response-stats record of a model name not exported as a label (%d characters)", stats.model().length());
        }
        return message.ack();
    }

    private void show(ModelWindowStats stats) {
        String model = stats.model();
        if (!latest.containsKey(model) && latest.size() >= MAX_MODELS) {
            return;
        }
        ModelWindowStats before = latest.merge(model, stats,
                (old, next) -> next.windowStart().isBefore(old.windowStart()) ? old : next);
        if (before == stats && registry.find("tokenstream_model_window_start_seconds").tag("model", model).gauge() == null) {
            register(model);
        }
    }

    private void register(String model) {
        Tags tags = Tags.of("model", model);
        gauge("tokenstream_model_window_start_seconds", tags, model, s -> s.windowStart().getEpochSecond(),
                "start of the model's latest statistics window (epoch seconds)");
        gauge("tokenstream_model_responses", tags.and("outcome", "completed"), model, ModelWindowStats::completed, null);
        gauge("tokenstream_model_responses", tags.and("outcome", "failed"), model, ModelWindowStats::failed, null);
        gauge("tokenstream_model_responses", tags.and("outcome", "cancelled"), model, ModelWindowStats::cancelled, null);
        gauge("tokenstream_model_responses", tags.and("outcome", "abandoned"), model, ModelWindowStats::abandoned, null);
        gauge("tokenstream_model_time_to_first_token_ms", tags.and("quantile", "0.5"), model,
                s -> orNaN(s.timeToFirstTokenP50Ms()), "time to first token in the latest window");
        gauge("tokenstream_model_time_to_first_token_ms", tags.and("quantile", "0.95"), model,
                s -> orNaN(s.timeToFirstTokenP95Ms()), "time to first token in the latest window");
        gauge("tokenstream_model_tokens_per_second", tags, model, s -> orNaN(s.tokensPerSecond()),
                "mean tokens per second in the latest window");
    }

    private void gauge(String name, Tags tags, String model, ToDoubleFunction<ModelWindowStats> value, String help) {
        Gauge.builder(name, latest, all -> value.applyAsDouble(all.get(model)))
                .tags(tags)
                .description(help == null ? "responses of the model's latest statistics window by outcome" : help)
                .register(registry);
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
