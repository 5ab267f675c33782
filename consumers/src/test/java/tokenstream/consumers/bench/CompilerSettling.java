package tokenstream.consumers.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits for the JIT compilers to go quiet before a measured stage. On two cores the benchmark JVM's one C2 thread
 * falls tens of seconds behind (writing the topic, reading it and the warm-up pass queue up more hot methods than it
 * compiles), so without this a stage shares the cores with compilations of code the previous stages made hot: in an
 * async-profiler recording of the measured assembly, C2 took 1.3-1.4 s of CPU in a 2-3 s stage. A running service has
 * long compiled its paths; each stage's own compile time is still reported next to it.
 */
final class CompilerSettling {
    /** Quiet: the compilers spent at most this much of a {@link #WINDOW_MS} window compiling. */
    private static final long QUIET_MS = Long.getLong("bench.jit-quiet-ms", 20);
    private static final long WINDOW_MS = 1000;
    private static final long MAX_WAIT_MS = Long.getLong("bench.jit-max-wait-ms", 60_000);
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private CompilerSettling() {
    }

    /** The compilers' accumulated time, in milliseconds (-1 where the JVM does not count it). */
    static long compileMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
                ? COMPILER.getTotalCompilationTime() : -1;
    }

    /** Waits until a window passes with the compilers quiet, or {@code bench.jit-max-wait-ms}; the seconds waited. */
    static double await() throws InterruptedException {
        long start = System.nanoTime();
        if (compileMillis() < 0) {
            return 0;
        }
        long before = compileMillis();
        while ((System.nanoTime() - start) / 1_000_000 < MAX_WAIT_MS) {
            Thread.sleep(WINDOW_MS);
            long now = compileMillis();
            if (now - before <= QUIET_MS) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
