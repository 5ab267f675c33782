package tokenstream.bench.capacity;

import java.util.Comparator;
import java.util.List;

/**
 * What a {@link Workload} needs under some {@link UnitCosts}: the flows, the instance counts, and every resource's
 * use at those counts.
 *
 * @param eventsPerSecond           records produced to the chunks topic per second (C x T)
 * @param deliveriesPerSecond       SSE events written by all relays per second (C x T x V)
 * @param topicBytesPerSecond       bytes produced to the chunks topic per second
 * @param sseBytesPerSecond         bytes written by all relays to their clients per second
 * @param responsesPerSecond        responses ending per second (C x T / L)
 * @param consumersWriteBytesPerSecond bytes the consumers write back (changelogs, audit records) per second
 * @param relayReadsOfTopic         how many times the relays read the whole topic: R without affinity, 1 with it
 * @param brokerEgressBytesPerSecond bytes all brokers send: relays' and consumers' fetches and follower fetches
 * @param brokerIngressBytesPerSecond bytes all brokers write: every copy of the chunks topic and of the consumers'
 *                                  output
 * @param brokerStoredBytes         bytes on all brokers' disks: every replica of the chunks topic for its retention and
 *                                  of the audit records
 * @param relays                    relay instances
 * @param consumers                 consumers (Kafka Streams) instances
 * @param partitions                chunks topic partitions
 * @param brokers                   Kafka brokers
 * @param openStateBytes            Streams state of the responses in progress
 * @param retainedStateBytes        Streams state of ended responses kept for the retention
 * @param limits                    every resource, most used first
 */
public record CapacityPlan(double eventsPerSecond, double deliveriesPerSecond, double topicBytesPerSecond,
                           double sseBytesPerSecond, double responsesPerSecond, double consumersWriteBytesPerSecond,
                           double relayReadsOfTopic, double brokerEgressBytesPerSecond,
                           double brokerIngressBytesPerSecond, double brokerStoredBytes, int relays, int consumers, int partitions, int brokers,
                           double openStateBytes, double retainedStateBytes, List<Limit> limits) {

    public CapacityPlan {
        limits = limits.stream().sorted(Comparator.comparingDouble(Limit::utilisation).reversed()).toList();
    }

    /** The resource that runs out first as load grows on this deployment (or is already past its capacity). */
    public Limit firstLimit() {
        return limits.get(0);
    }

    /** Whether every resource is within its capacity. */
    public boolean fits() {
        return firstLimit().utilisation() <= 1.0;
    }

    /** The most used resource of one tier: what sets its instance count when the count is sized. */
    public Limit bindingLimit(Tier tier) {
        return limits.stream().filter(l -> l.resource().tier() == tier).findFirst().orElseThrow();
    }

    public Limit limit(Resource resource) {
        return limits.stream().filter(l -> l.resource() == resource).findFirst().orElseThrow();
    }

    /**
     * One resource at the plan's instance counts.
     *
     * @param demand      what one instance (or the cluster, for broker totals) must do
     * @param capacity    what it can do
     * @param utilisation demand / capacity
     */
    public record Limit(Resource resource, double demand, double capacity, double utilisation) {
        static Limit of(Resource resource, double demand, double capacity) {
            return new Limit(resource, demand, capacity, demand / capacity);
        }
    }

    /** A resource that can run out. */
    public enum Resource {
        RELAY_CPU(Tier.RELAYS, "relay CPU per instance (deliveries + tailing)", "cores"),
        RELAY_TAIL_THREAD(Tier.RELAYS, "relay tail thread (one consumer thread reads its partitions)", "records/s"),
        RELAY_NETWORK_IN(Tier.RELAYS, "relay network in (topic fetched)", "B/s"),
        RELAY_NETWORK_OUT(Tier.RELAYS, "relay network out (SSE)", "B/s"),
        RELAY_SOCKETS(Tier.RELAYS, "relay sockets per process", "sockets"),
        RELAY_MEMORY(Tier.RELAYS, "relay memory per instance", "B"),
        BROKER_EGRESS(Tier.BROKERS, "broker egress, per broker", "B/s"),
        BROKER_INGRESS(Tier.BROKERS, "broker ingress (all replicas), per broker", "B/s"),
        BROKER_DISK(Tier.BROKERS, "broker disk (retained logs, all replicas), per broker", "B"),
        BROKER_PARTITION_REPLICAS(Tier.BROKERS, "partition replicas per broker", "replicas"),
        PARTITION_THROUGHPUT(Tier.PARTITIONS, "chunks partition write throughput", "B/s"),
        CONSUMERS_ASSEMBLY(Tier.CONSUMERS, "consumers assembly throughput per instance", "events/s"),
        STREAMS_STATE(Tier.CONSUMERS, "Streams state per consumers instance", "B");

        private final Tier tier;
        private final String label;
        private final String unit;

        Resource(Tier tier, String label, String unit) {
            this.tier = tier;
            this.label = label;
            this.unit = unit;
        }

        /** The instances that add more of this resource. */
        public Tier tier() {
            return tier;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    /** A kind of instance the model sizes. */
    public enum Tier {
        BROKERS, PARTITIONS, RELAYS, CONSUMERS
    }
}
