package tokenstream.bench.scenario;

import tokenstream.bench.report.ResultRow;
import tokenstream.localstack.LocalStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every scenario gets: the running stack, the scale, and where results and logs go. */
public final class BenchContext {
    private final LocalStack stack;
    private final Path repoRoot;
    private final boolean quick;
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    public BenchContext(LocalStack stack, Path repoRoot, boolean quick) {
        this.stack = stack;
        this.repoRoot = repoRoot;
        this.quick = quick;
    }

    public LocalStack stack() {
        return stack;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path logDir() {
        return stack.logDir();
    }

    /** The two-minute smoke scale instead of the issue's. */
    public boolean quick() {
        return quick;
    }

    /** {@code full} normally, {@code smoke} under {@code --quick}. */
    public int scale(int full, int smoke) {
        return quick ? smoke : full;
    }

    public void row(ResultRow row) {
        rows.add(row);
        System.out.println("  " + row.scenario() + " | " + row.metric() + " | " + row.value() + " | " + row.target()
                + " | " + row.verdict());
    }

    /** One line of the per-step detail table. */
    public void detail(String line) {
        details.add(line);
        System.out.println("    " + line);
    }

    public List<ResultRow> rows() {
        return rows;
    }

    public List<String> details() {
        return details;
    }

    static void sleepSeconds(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
