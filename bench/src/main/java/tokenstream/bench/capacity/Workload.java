package tokenstream.bench.capacity;

/**
 * What the system must carry, and the part of the deployment that is fixed by hand (0 = size it).
 *
 * @param streams            C: responses streaming at the same moment
 * @param tokensPerSecond    T: events per second of each stream (one chunks record per token)
 * @param viewersPerStream   V: SSE clients watching each stream
 * @param responseTokens     L: events of an average response (for responses/s and the Streams state)
 * @param partitionAffinity  whether each relay tails only the partitions of the conversations routed to it
 * @param relays             R, or 0 to size it
 * @param brokers            or 0 to size it
 * @param consumers          consumers (Kafka Streams) instances, or 0 to size them
 */
public record Workload(double streams, double tokensPerSecond, double viewersPerStream, double responseTokens,
                       boolean partitionAffinity, int relays, int brokers, int consumers) {

    public Workload {
        if (streams <= 0 || tokensPerSecond <= 0 || viewersPerStream < 0 || responseTokens < 1) {
            throw new IllegalArgumentException("streams and tokens/s must be > 0, viewers >= 0, response tokens >= 1");
        }
        if (relays < 0 || brokers < 0 || consumers < 0) {
            throw new IllegalArgumentException("instance counts must be >= 0 (0 = size it)");
        }
    }

    /** C streams at T tokens/s with V viewers each, 500-token responses, no affinity, everything sized. */
    public static Workload of(double streams, double tokensPerSecond, double viewersPerStream) {
        return new Workload(streams, tokensPerSecond, viewersPerStream, 500, false, 0, 0, 0);
    }

    public Workload withAffinity(boolean on) {
        return new Workload(streams, tokensPerSecond, viewersPerStream, responseTokens, on, relays, brokers, consumers);
    }

    public Workload withRelays(int count) {
        return new Workload(streams, tokensPerSecond, viewersPerStream, responseTokens, partitionAffinity, count, brokers,
                consumers);
    }

    public Workload withStreams(double count) {
        return new Workload(count, tokensPerSecond, viewersPerStream, responseTokens, partitionAffinity, relays, brokers,
                consumers);
    }
}
