package tokenstream.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of a service JVM, read from its {@code -Xlog:gc} file: when tail latency misses, the
 * first thing to know is how long every thread of the relay or ingest stood still.
 */
public final class GcPauses {
    private static final Pattern PAUSE = Pattern.compile("\\[([\\d.]+)s].*Pause .* ([\\d.]+)ms$");

    private GcPauses() {
    }

    /** The JVM option that writes the log read by {@link #summary}. */
    public static String logOption(Path file) {
        return "-Xlog:gc:file=" + file.toAbsolutePath();
    }

    /** Count, total, longest and p90 of the pauses logged after {@code fromSecond} of JVM uptime. */
    public static String summary(Path file, double fromSecond) {
        List<Double> pauses = new ArrayList<>();
        double first = Double.NaN;
        double last = Double.NaN;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = PAUSE.matcher(line.trim());
                if (matcher.find() && Double.parseDouble(matcher.group(1)) >= fromSecond) {
                    double at = Double.parseDouble(matcher.group(1));
                    first = Double.isNaN(first) ? at : first;
                    last = at;
                    pauses.add(Double.parseDouble(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            return "no GC log (" + e.getMessage() + ")";
        }
        if (pauses.isEmpty()) {
            return "no pauses";
        }
        Collections.sort(pauses);
        double total = pauses.stream().mapToDouble(Double::doubleValue).sum();
        return String.format(Locale.ROOT, "%d pauses in %.0f s, %.0f ms paused, longest %.1f ms, p90 %.1f ms",
                pauses.size(), Math.max(1, last - first), total, pauses.get(pauses.size() - 1),
                pauses.get((int) Math.floor(0.9 * (pauses.size() - 1))));
    }
}
