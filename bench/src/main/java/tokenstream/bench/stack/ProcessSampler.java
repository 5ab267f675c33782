package tokenstream.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of a process and its descendants, from {@code /proc} (Linux). Clock ticks are
 * taken as 100 per second, the value of every Linux kernel configuration this project runs on.
 */
public final class ProcessSampler {
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private long startTicks;
    private long startNanos;

    public ProcessSampler(long pid) {
        this.pid = pid;
    }

    /** Starts a CPU measurement window. */
    public void mark() {
        startTicks = cpuTicks();
        startNanos = System.nanoTime();
    }

    /** Average cores used since {@link #mark()}. */
    public double coresSinceMark() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (cpuTicks() - startTicks) / TICKS_PER_SECOND / seconds;
    }

    /** Resident set size in KiB (VmRSS), summed over the process and its descendants. */
    public long rssKib() {
        long total = 0;
        for (long p : pids()) {
            total += rssKib(p);
        }
        return total;
    }

    private long cpuTicks() {
        long total = 0;
        for (long p : pids()) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(p), "stat"));
                // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // the process ended between listing and reading
            }
        }
        return total;
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // ended
        }
        return 0;
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }
}
