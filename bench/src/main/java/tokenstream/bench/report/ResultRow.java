package tokenstream.bench.report;

/**
 * One line of the results table.
 *
 * @param verdict {@code PASS}, {@code MISS}, or empty for figures without a target
 */
public record ResultRow(String scenario, String metric, String value, String target, String verdict) {

    public static ResultRow info(String scenario, String metric, String value) {
        return new ResultRow(scenario, metric, value, "", "");
    }

    public static ResultRow checked(String scenario, String metric, String value, String target, boolean met) {
        return new ResultRow(scenario, metric, value, target, met ? "PASS" : "MISS");
    }
}
