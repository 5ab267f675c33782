package tokenstream.bench.capacity;

/**
 * Every per-unit figure the capacity model uses, with where its default comes from. The flag to override one is
 * {@code --<key> <value>}. Figures marked {@link Provenance#MEASURED} come from docs/benchmarks.md (the row named) or
 * from {@link RecordSizes}; {@link Provenance#ASSUMED} ones are not measured here and say what they rest on.
 */
public enum Cost {
    RECORD_BYTES("record-bytes", "B/event", Provenance.MEASURED, Double.NaN,
            "one text.delta record inside an lz4 batch of 10 (key, JSON value, 3 headers, batch header share): "
                    + "RecordSizes, `bench/capacity --sizes`"),
    SSE_BYTES("sse-bytes", "B/delivery", Provenance.MEASURED, Double.NaN,
            "the relay's SSE frame of that event + HTTP chunk framing, no coalescing: RecordSizes"),
    PART_CHANGELOG_BYTES("part-changelog-bytes", "B/event", Provenance.MEASURED, Double.NaN,
            "consumers' response-parts-store changelog per text delta (put + tombstone), record format v2: RecordSizes"),
    TEXT_BYTES_PER_TOKEN("text-bytes-per-token", "B", Provenance.ASSUMED, 4,
            "about 4 characters per token for English text (the usual rule of thumb of tokenizer documentation)"),
    AUDIT_ENVELOPE_BYTES("audit-envelope-bytes", "B", Provenance.ASSUMED, 1024,
            "an audit record's JSON besides its text (ids, status, timings, integrity, usage); not measured"),
    RELAY_DELIVERY_US("relay-delivery-us", "us CPU", Provenance.MEASURED, 12.2,
            "docs/benchmarks.md scenario 2 (broadcast): 0.97 cores / 79,639 deliveries/s (issue 16 table: 10.3-12.6 us "
                    + "at 10-16 events/s, 5-6 us only with p99 300-400 ms)"),
    RELAY_RECORD_US("relay-record-us", "us CPU", Provenance.DERIVED, 4.6,
            "1 core / 218,177 records/s, the raw one-thread consumer read of docs/benchmarks.md (audit assembly row); "
                    + "with relay-delivery-us it reproduces scenarios 1, 3 and 5 within +-30 %"),
    RELAY_TAIL_RECORDS_MAX("relay-tail-records-max", "records/s", Provenance.MEASURED, 218_177,
            "the same raw read: the relay's shared tail is one consumer thread, which also frames every record, so "
                    + "this is an upper bound"),
    RELAY_CORES("relay-cores", "cores", Provenance.ASSUMED, 2,
            "one relay instance = the 2-core machine the figures were measured on"),
    RELAY_CPU_TARGET("relay-cpu-target", "fraction", Provenance.ASSUMED, 0.5,
            "scenario 2 kept p99 < 250 ms up to 0.97 of the 2 cores busy, and not beyond"),
    RELAY_CONNECTIONS_MAX("relay-connections-max", "sockets", Provenance.ASSUMED, 65_536,
            "a common open-files hard limit per process; measured only up to 10,000 (scenario 2)"),
    RELAY_CONNECTION_BYTES("relay-connection-bytes", "B", Provenance.MEASURED, 20_480,
            "docs/benchmarks.md scenario 2: 20.0 KB of relay RSS per connection (heap growth included)"),
    RELAY_BASE_BYTES("relay-base-bytes", "B", Provenance.DERIVED, (159 + 64) * 1024 * 1024.0,
            "scenario 2 RSS before subscribers (159 MiB) + a full recent-events window (window-max-bytes 64M)"),
    RELAY_MEMORY_BYTES("relay-memory-bytes", "B", Provenance.ASSUMED, 4L * 1024 * 1024 * 1024,
            "memory of one relay instance"),
    RELAY_NETWORK_BYTES("relay-network-bytes", "B/s", Provenance.ASSUMED, 1.0e9,
            "a 10 Gbit/s NIC at 80 %, each direction"),
    ASSEMBLY_EVENTS_PER_INSTANCE("assembly-events", "events/s", Provenance.MEASURED, 223_471,
            "docs/benchmarks.md audit assembly measured in rounds: median of rounds 4-6 of two runs (180,391-295,719),"
                    + " exactly_once_v2, two stream threads, 2 cores shared with the broker"),
    STREAMS_STATE_BYTES("streams-state-bytes", "B", Provenance.ASSUMED, 100.0 * 1024 * 1024 * 1024,
            "local disk for RocksDB state per consumers instance"),
    AUDIT_RETENTION_DAYS("audit-retention-days", "days", Provenance.ASSUMED, 7,
            "ended responses kept in responses-store; it has no retention today (it grows for ever), 7 d is the chunks "
                    + "topic's"),
    REPLICATION_FACTOR("replication-factor", "copies", Provenance.CONFIGURED, 3,
            "docker-compose.yml's tokenstream.topics.replication-factor (1 in the local stack)"),
    MIN_PARTITIONS("min-partitions", "partitions", Provenance.CONFIGURED, 6,
            "tokenstream.topics.chunks-partitions default"),
    PARTITIONED_TOPICS("partitioned-topics", "topics", Provenance.DERIVED, 12,
            "topics with the chunks topic's partition count: chunks, responses, control, response-owners (TopicLayout), "
                    + "7 Streams changelogs and 1 repartition topic (ResponseTopology)"),
    BROKER_EGRESS_BYTES("broker-egress-bytes", "B/s", Provenance.ASSUMED, 500e6,
            "per broker; order of magnitude of the published Apache Kafka / Confluent benchmarks (hundreds of MB/s "
                    + "per broker on current hardware), not measured here"),
    BROKER_INGRESS_BYTES("broker-ingress-bytes", "B/s", Provenance.ASSUMED, 250e6,
            "per broker, leader and follower writes to disk; same basis, not measured here"),
    BROKER_DISK_BYTES("broker-disk-bytes", "B", Provenance.ASSUMED, 10e12,
            "log storage per broker"),
    CHUNKS_RETENTION_DAYS("chunks-retention-days", "days", Provenance.CONFIGURED, 7,
            "tokenstream.topics.chunks-retention default (7d)"),
    PARTITION_BYTES("partition-bytes", "B/s", Provenance.ASSUMED, 10e6,
            "writes per partition; published sizing guidance puts one partition at about 10 MB/s, not measured here"),
    PARTITION_REPLICAS_PER_BROKER("partition-replicas-per-broker", "replicas", Provenance.ASSUMED, 4_000,
            "published sizing guidance (a few thousand partition replicas per broker), not measured here");

    private final String key;
    private final String unit;
    private final Provenance provenance;
    private final double fixedDefault;
    private final String source;

    Cost(String key, String unit, Provenance provenance, double fixedDefault, String source) {
        this.key = key;
        this.unit = unit;
        this.provenance = provenance;
        this.fixedDefault = fixedDefault;
        this.source = source;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public Provenance provenance() {
        return provenance;
    }

    public String source() {
        return source;
    }

    /** The default, or NaN for the sizes that {@link RecordSizes} measures. */
    double fixedDefault() {
        return fixedDefault;
    }

    /** Where a figure comes from. */
    public enum Provenance {
        /** Measured on this project's machine; the source names the row or the command. */
        MEASURED,
        /** Computed from measured figures; the source says how. */
        DERIVED,
        /** A configuration default of the project. */
        CONFIGURED,
        /** Not measured here. */
        ASSUMED
    }
}
