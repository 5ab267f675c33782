package tokenstream.bench.scenario;

/** One benchmark scenario of docs/benchmarks.md; it starts and stops every server it uses. */
public interface Scenario {
    /** The number used by {@code --scenario}. */
    int number();

    String title();

    void run(BenchContext context) throws Exception;
}
