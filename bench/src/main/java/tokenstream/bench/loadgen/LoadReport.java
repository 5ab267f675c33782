package tokenstream.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/** One measurement window of a load generator, as the controller reads it. */
public record LoadReport(Map<String, Long> counters, Histogram latencyMicros) {

    static LoadReport parse(String line) {
        Map<String, Long> counters = new HashMap<>();
        Histogram histogram = null;
        for (String pair : line.substring("REPORT ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("hist")) {
                try {
                    histogram = Histogram.decodeFromCompressedByteBuffer(
                            ByteBuffer.wrap(Base64.getDecoder().decode(value)), 0);
                } catch (DataFormatException e) {
                    throw new IllegalStateException("the load generator sent a damaged histogram", e);
                }
            } else {
                counters.put(key, Long.parseLong(value));
            }
        }
        return new LoadReport(Map.copyOf(counters), histogram);
    }

    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }

    public long delivered() {
        return get("delivered");
    }

    public double seconds() {
        return get("window_us") / 1e6;
    }

    public double deliveredPerSecond() {
        return delivered() / seconds();
    }

    /** Latency percentile in milliseconds, or NaN without samples. */
    public double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN
                : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public long errors() {
        return get("http_errors") + get("io_errors");
    }
}
