package tokenstream.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The subscribers spread round-robin over several {@link SseLoad} selector threads, seen as one. One thread reading
 * 10,000 sockets is a serial queue in front of every delivery: in a profile it read a broadcast's burst in about
 * 80 ms, so the generator's own backlog was a large part of the latency it reported, for any server. One thread per
 * core reads a burst in parallel, as that many clients on other machines would.
 */
final class SseLoads {
    private final List<SseLoad> loads = new ArrayList<>();

    SseLoads(InetSocketAddress server, int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            SseLoad load = new SseLoad(server);
            Thread loop = new Thread(load, "sse-load-" + i);
            loop.setDaemon(true);
            loop.start();
            loads.add(load);
        }
    }

    /** Subscriber i goes to thread i mod threads; each thread runs its share of the handshakes at once. */
    void open(List<String> paths, int inFlight) {
        List<List<String>> shares = new ArrayList<>();
        loads.forEach(load -> shares.add(new ArrayList<>()));
        for (int i = 0; i < paths.size(); i++) {
            shares.get(i % loads.size()).add(paths.get(i));
        }
        int inFlightEach = Math.max(1, inFlight / loads.size());
        for (int i = 0; i < loads.size(); i++) {
            List<String> share = shares.get(i);
            SseLoad load = loads.get(i);
            onThreadOf(load, () -> load.open(share, inFlightEach));
        }
    }

    void resetStats() {
        loads.forEach(load -> onThreadOf(load, load::resetStats));
    }

    /** Every thread's counters summed (the longest catch-up and window taken as the maximum), histograms merged. */
    Map<String, String> report() {
        Map<String, Long> counters = new LinkedHashMap<>();
        Histogram latency = null;
        for (SseLoad load : loads) {
            await(load.call(load::counters)).forEach((key, value) -> counters.merge(key, value,
                    key.endsWith("_max_us") || key.equals("window_us") ? Math::max : Long::sum));
            Histogram share = await(load.call(load::latencyCopy));
            if (latency == null) {
                latency = share;
            } else {
                latency.add(share);
            }
        }
        Map<String, String> report = new LinkedHashMap<>();
        counters.forEach((key, value) -> report.put(key, String.valueOf(value)));
        report.put("hist", LoadStats.encoded(latency));
        return report;
    }

    /** Cuts {@code count} streaming subscribers, spread over the threads; returns how many were cut. */
    int storm(int count, long offlineMillis) {
        int cut = 0;
        for (int i = 0; i < loads.size(); i++) {
            int share = count / loads.size() + (i < count % loads.size() ? 1 : 0);
            SseLoad load = loads.get(i);
            cut += await(load.call(() -> load.storm(share, offlineMillis)));
        }
        return cut;
    }

    /** Spreads a churn of {@code perSecond} reconnects a second over the threads (see {@link SseLoad#churn}). */
    void churn(double perSecond) {
        loads.forEach(load -> onThreadOf(load, () -> load.churn(perSecond / loads.size())));
    }

    void closeAll() {
        loads.forEach(load -> onThreadOf(load, load::closeAll));
    }

    /** Runs {@code action} on {@code load}'s selector thread, which alone touches its subscribers, and waits for it. */
    private static void onThreadOf(SseLoad load, Runnable action) {
        await(load.call(() -> {
            action.run();
            return null;
        }));
    }

    void stop() {
        loads.forEach(SseLoad::stop);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
