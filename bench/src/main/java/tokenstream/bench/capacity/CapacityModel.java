package tokenstream.bench.capacity;

import tokenstream.bench.capacity.CapacityPlan.Limit;
import tokenstream.bench.capacity.CapacityPlan.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The capacity model of docs/capacity.md: a pure function from a {@link Workload} and {@link UnitCosts} to a
 * {@link CapacityPlan}. The equations are written out in that document; the code follows them in the same order
 * (flows, relays, consumers, partitions, brokers, then every resource's use).
 */
public final class CapacityModel {
    private static final double SECONDS_PER_DAY = 86_400;

    private CapacityModel() {
    }

    public static CapacityPlan plan(Workload w, UnitCosts u) {
        double events = w.streams() * w.tokensPerSecond();
        double deliveries = events * w.viewersPerStream();
        double viewers = w.streams() * w.viewersPerStream();
        double topicBytes = events * u.get(Cost.RECORD_BYTES);
        double sseBytes = deliveries * u.get(Cost.SSE_BYTES);
        double responses = events / w.responseTokens();
        double auditRecordBytes = u.get(Cost.AUDIT_ENVELOPE_BYTES) + w.responseTokens() * u.get(Cost.TEXT_BYTES_PER_TOKEN);
        // Per response: an in_progress record at its start and the final one at its end, each written to the
        // responses topic and to responses-store's changelog; per event: the part and its tombstone.
        double consumersWrite = events * u.get(Cost.PART_CHANGELOG_BYTES)
                + responses * 2 * (u.get(Cost.AUDIT_ENVELOPE_BYTES) + auditRecordBytes);

        int relays = w.relays() > 0 ? w.relays() : relaysNeeded(w, u, events, deliveries, viewers, topicBytes);
        double relayReads = w.partitionAffinity() ? 1 : relays;

        // Open responses: C, each on average half way through; a part entry per event so far.
        double openState = w.streams() * (w.responseTokens() / 2 * u.get(Cost.PART_CHANGELOG_BYTES) / 2
                + u.get(Cost.AUDIT_ENVELOPE_BYTES));
        double retainedState = responses * SECONDS_PER_DAY * u.get(Cost.AUDIT_RETENTION_DAYS) * auditRecordBytes;
        int consumers = w.consumers() > 0 ? w.consumers() : Math.max(
                ceil(events / u.get(Cost.ASSEMBLY_EVENTS_PER_INSTANCE)),
                ceil((openState + retainedState) / u.get(Cost.STREAMS_STATE_BYTES)));

        int partitions = Math.max(Math.max(ceil(u.get(Cost.MIN_PARTITIONS)), consumers),
                ceil(topicBytes / u.get(Cost.PARTITION_BYTES)));
        if (w.partitionAffinity()) {
            // Every relay owns at least one partition, and as many as every other one, or the busiest reads more.
            partitions = ceil((double) partitions / relays) * relays;
        }

        double rf = u.get(Cost.REPLICATION_FACTOR);
        double ingress = (topicBytes + consumersWrite) * rf;
        double egress = topicBytes * (relayReads + 1) + (topicBytes + consumersWrite) * (rf - 1);
        double replicas = partitions * u.get(Cost.PARTITIONED_TOPICS) * rf;
        // The chunks topic for its retention, and every audit record twice (responses topic, responses-store changelog).
        double stored = rf * (topicBytes * SECONDS_PER_DAY * u.get(Cost.CHUNKS_RETENTION_DAYS) + 2 * retainedState);
        int brokers = w.brokers() > 0 ? w.brokers() : Math.max(ceil(rf), Math.max(
                Math.max(ceil(egress / u.get(Cost.BROKER_EGRESS_BYTES)), ceil(ingress / u.get(Cost.BROKER_INGRESS_BYTES))),
                Math.max(ceil(replicas / u.get(Cost.PARTITION_REPLICAS_PER_BROKER)),
                        ceil(stored / u.get(Cost.BROKER_DISK_BYTES)))));

        // Each relay reads the whole topic, or with affinity only its own partitions: the busiest owns ceil(P/R).
        double readsPerRelay = w.partitionAffinity()
                ? events * Math.ceil((double) partitions / relays) / partitions : events;
        List<Limit> limits = new ArrayList<>();
        limits.add(Limit.of(Resource.RELAY_CPU, (deliveries / relays * u.get(Cost.RELAY_DELIVERY_US)
                + readsPerRelay * u.get(Cost.RELAY_RECORD_US)) / 1e6, relayUsableCores(u)));
        limits.add(Limit.of(Resource.RELAY_TAIL_THREAD, readsPerRelay, u.get(Cost.RELAY_TAIL_RECORDS_MAX)));
        limits.add(Limit.of(Resource.RELAY_NETWORK_IN, readsPerRelay * u.get(Cost.RECORD_BYTES),
                u.get(Cost.RELAY_NETWORK_BYTES)));
        limits.add(Limit.of(Resource.RELAY_NETWORK_OUT, sseBytes / relays, u.get(Cost.RELAY_NETWORK_BYTES)));
        limits.add(Limit.of(Resource.RELAY_SOCKETS, viewers / relays, u.get(Cost.RELAY_CONNECTIONS_MAX)));
        limits.add(Limit.of(Resource.RELAY_MEMORY, u.get(Cost.RELAY_BASE_BYTES)
                + viewers / relays * u.get(Cost.RELAY_CONNECTION_BYTES), u.get(Cost.RELAY_MEMORY_BYTES)));
        limits.add(Limit.of(Resource.BROKER_EGRESS, egress / brokers, u.get(Cost.BROKER_EGRESS_BYTES)));
        limits.add(Limit.of(Resource.BROKER_INGRESS, ingress / brokers, u.get(Cost.BROKER_INGRESS_BYTES)));
        limits.add(Limit.of(Resource.BROKER_DISK, stored / brokers, u.get(Cost.BROKER_DISK_BYTES)));
        limits.add(Limit.of(Resource.BROKER_PARTITION_REPLICAS, replicas / brokers,
                u.get(Cost.PARTITION_REPLICAS_PER_BROKER)));
        limits.add(Limit.of(Resource.PARTITION_THROUGHPUT, topicBytes / partitions, u.get(Cost.PARTITION_BYTES)));
        limits.add(Limit.of(Resource.CONSUMERS_ASSEMBLY, events / consumers, u.get(Cost.ASSEMBLY_EVENTS_PER_INSTANCE)));
        limits.add(Limit.of(Resource.STREAMS_STATE, (openState + retainedState) / consumers,
                u.get(Cost.STREAMS_STATE_BYTES)));

        return new CapacityPlan(events, deliveries, topicBytes, sseBytes, responses, consumersWrite, relayReads, egress,
                ingress, stored, relays, consumers, partitions, brokers, openState, retainedState, limits);
    }

    /**
     * The most events/s the topic can carry while relays run without affinity, whatever their number: each one reads
     * all of it, so one relay's tail thread, CPU and network in must each keep up with the whole topic.
     */
    public static double eventsCeilingWithoutAffinity(UnitCosts u) {
        return Math.min(u.get(Cost.RELAY_TAIL_RECORDS_MAX), Math.min(
                relayUsableCores(u) * 1e6 / u.get(Cost.RELAY_RECORD_US),
                u.get(Cost.RELAY_NETWORK_BYTES) / u.get(Cost.RECORD_BYTES)));
    }

    /**
     * The smallest R for which every relay resource fits; a resource that no R can fix (without affinity every relay
     * reads the whole topic) is left to show in the plan's limits.
     */
    static int relaysNeeded(Workload w, UnitCosts u, double events, double deliveries, double viewers,
                            double topicBytes) {
        double usableCores = relayUsableCores(u);
        double deliveryCores = deliveries * u.get(Cost.RELAY_DELIVERY_US) / 1e6;
        double tailCores = events * u.get(Cost.RELAY_RECORD_US) / 1e6;
        double needed = Math.max(viewers / u.get(Cost.RELAY_CONNECTIONS_MAX),
                deliveries * u.get(Cost.SSE_BYTES) / u.get(Cost.RELAY_NETWORK_BYTES));
        double memoryForConnections = u.get(Cost.RELAY_MEMORY_BYTES) - u.get(Cost.RELAY_BASE_BYTES);
        if (memoryForConnections > 0) {
            needed = Math.max(needed, viewers * u.get(Cost.RELAY_CONNECTION_BYTES) / memoryForConnections);
        }
        if (w.partitionAffinity()) {
            needed = Math.max(needed, Math.max((deliveryCores + tailCores) / usableCores, Math.max(
                    events / u.get(Cost.RELAY_TAIL_RECORDS_MAX), topicBytes / u.get(Cost.RELAY_NETWORK_BYTES))));
        } else if (tailCores < usableCores) {
            needed = Math.max(needed, deliveryCores / (usableCores - tailCores));
        } else {
            // The tail alone fills every instance: spread the deliveries as if they had the whole CPU.
            needed = Math.max(needed, deliveryCores / usableCores);
        }
        return Math.max(1, ceil(needed));
    }

    private static double relayUsableCores(UnitCosts u) {
        return u.get(Cost.RELAY_CORES) * u.get(Cost.RELAY_CPU_TARGET);
    }

    /** Rounds up, forgiving floating-point noise just above a whole number. */
    private static int ceil(double value) {
        return (int) Math.ceil(value - 1e-9);
    }
}
