package tokenstream.bench.loadgen;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load-generator process, a JVM of its own so that its CPU and memory are never the server's. It takes one
 * command per line on standard input and answers each with one line starting {@code OK}, {@code REPORT} or
 * {@code ERR}:
 * <ul>
 *   <li>{@code open count=N convs=M path=/v1/conversations/c-{n}/stream inflight=256}: N subscribers, subscriber i
 *       on conversation {@code i mod M}; answers once all have streamed or after two minutes</li>
 *   <li>{@code reset}: starts a new measurement window</li>
 *   <li>{@code report}: counters of the window and the latency histogram (base64, compressed HdrHistogram)</li>
 *   <li>{@code storm count=N offline-ms=5000}: cuts N subscribers and reconnects them together later</li>
 *   <li>{@code churn per-second=20}: from now on reconnects that many streaming subscribers a second, one at a
 *       time, at their last id; 0 stops it</li>
 *   <li>{@code close}, {@code quit}</li>
 * </ul>
 * Usage: {@code LoadGenMain <host> <port> [selector threads]}.
 */
public final class LoadGenMain {
    private LoadGenMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        SseLoads load = new SseLoads(new InetSocketAddress(args[0], Integer.parseInt(args[1])), threads);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            Map<String, String> options = options(words);
            try {
                switch (words[0]) {
                    case "open" -> answer(open(load, options));
                    case "reset" -> {
                        load.resetStats();
                        answer("OK");
                    }
                    case "report" -> answer("REPORT " + format(load.report()));
                    case "storm" -> answer("OK cut=" + load.storm(
                            Integer.parseInt(options.get("count")), Long.parseLong(options.get("offline-ms"))));
                    case "churn" -> {
                        load.churn(Double.parseDouble(options.get("per-second")));
                        answer("OK");
                    }
                    case "close" -> {
                        load.closeAll();
                        answer("OK");
                    }
                    case "quit" -> {
                        load.stop();
                        answer("OK");
                        return;
                    }
                    default -> answer("ERR unknown command " + words[0]);
                }
            } catch (Exception e) {
                answer("ERR " + e.toString().replace('\n', ' '));
            }
        }
        load.stop();
    }

    private static String open(SseLoads load, Map<String, String> options) throws Exception {
        int count = Integer.parseInt(options.get("count"));
        int conversations = Integer.parseInt(options.getOrDefault("convs", "1"));
        String template = options.get("path");
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(template.replace("{n}", String.valueOf(i % conversations)));
        }
        int inFlight = Integer.parseInt(options.getOrDefault("inflight", "256"));
        load.open(paths, inFlight);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, String> report = load.report();
        while (System.nanoTime() < deadline
                && Integer.parseInt(report.get("ever_streamed")) < Integer.parseInt(report.get("subscribers"))) {
            Thread.sleep(200);
            report = load.report();
        }
        return "OK ever_streamed=" + report.get("ever_streamed") + " subscribers=" + report.get("subscribers");
    }

    private static Map<String, String> options(String[] words) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                options.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return options;
    }

    private static String format(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append(' '));
        return text.toString().trim();
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
