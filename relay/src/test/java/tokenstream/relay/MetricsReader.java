package tokenstream.relay;

import io.restassured.RestAssured;
import tokenstream.protocol.EventId;

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

    /** Waits until the shared tail has read past a written record (its window then holds it). */
    public static void awaitTailAt(EventId written) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && value("tokenstream_relay_consumer_lag_records", null) > 0) {
            sleep(20);
        }
        sleep(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
