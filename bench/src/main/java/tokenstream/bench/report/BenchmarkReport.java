package tokenstream.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The results of a run as Markdown. In {@code docs/benchmarks.md} only the block between the two markers is
 * replaced, so the hand-written method and analysis around it survive a rerun.
 */
public final class BenchmarkReport {
    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";

    private BenchmarkReport() {
    }

    public static String table(List<ResultRow> rows) {
        StringBuilder table = new StringBuilder("| scenario | metric | value | target | result |\n|---|---|---|---|---|\n");
        for (ResultRow row : rows) {
            table.append("| ").append(row.scenario()).append(" | ").append(row.metric()).append(" | ")
                    .append(row.value()).append(" | ").append(row.target()).append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        return table.toString();
    }

    public static String block(List<ResultRow> rows, List<String> details, String command, String started,
                               String duration, List<String> machine) {
        StringBuilder block = new StringBuilder(START).append("\n");
        block.append("Run of ").append(started).append(" (").append(duration).append("), command `").append(command)
                .append("`.\n\nMachine:\n");
        machine.forEach(line -> block.append("- ").append(line).append('\n'));
        block.append('\n').append(table(rows)).append("\nEvery measured step of this run:\n\n```\n");
        details.forEach(line -> block.append(line).append('\n'));
        return block.append("```\n").append(END).toString();
    }

    /** Puts {@code block} into {@code doc}, replacing the previous results block (or appending one). */
    public static void write(Path doc, String block) {
        try {
            String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n";
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            String updated = start >= 0 && end > start
                    ? text.substring(0, start) + block + text.substring(end + END.length())
                    : text + "\n## Results\n\n" + block + "\n";
            Files.writeString(doc, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + doc, e);
        }
    }
}
