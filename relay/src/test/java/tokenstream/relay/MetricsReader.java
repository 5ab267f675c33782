package tokenstream.relay;

import io.restassured.RestAssured;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the relay's Prometheus endpoint, as an operator's scraper would. */
public final class MetricsReader {
    private MetricsReader() {
    }

    public static String scrape() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Sum of the samples of a metric whose line matches the given label fragment. */
    public static double value(String metric, String labelFragment) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape());
        while (m.find()) {
            if (labelFragment == null || (m.group(1) != null && m.group(1).contains(labelFragment))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    public static double streamsOpened(String source) {
        return value("tokenstream_relay_streams_opened_total", "source=\"" + source + "\"");
    }
}
