package tokenstream.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Thousands of SSE subscribers on one selector thread: non-blocking sockets, the stream parsed in place, every
 * event checked for order and timed against its ingest timestamp. Disconnected subscribers reconnect as
 * EventSource does, with {@code Last-Event-ID}. Everything it owns is touched only by its own thread; other threads
 * go through {@link #call}.
 */
public final class SseLoad implements Runnable {
    private static final long RETRY_MICROS = 500_000;

    private final InetSocketAddress server;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final ArrayDeque<Subscriber> toConnect = new ArrayDeque<>();
    private final PriorityQueue<Scheduled> later = new PriorityQueue<>();
    private final LoadStats stats = new LoadStats();
    private int maxInFlight = 256;
    private int inFlight;
    private int streaming;
    private volatile boolean running = true;
    /** Streaming subscribers reconnected per second at their last id, one at a time ({@link #churn}). */
    private double churnPerSecond;
    /** Reconnects owed by the churn so far, fractions included. */
    private double churnOwed;
    private long churnCheckedMicros;
    private final java.util.Random churnPicks = new java.util.Random(4);

    private record Scheduled(long atMicros, Subscriber subscriber, boolean storm) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            return Long.compare(atMicros, other.atMicros);
        }
    }

    public SseLoad(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
    }

    /** Runs {@code action} on the selector thread and returns its result. */
    public <T> CompletableFuture<T> call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    /** Adds subscribers to {@code paths}; at most {@code inFlight} handshakes run at once. */
    public void open(List<String> paths, int inFlight) {
        maxInFlight = inFlight;
        for (String path : paths) {
            Subscriber subscriber = new Subscriber(path);
            subscribers.add(subscriber);
            toConnect.add(subscriber);
        }
    }

    /**
     * Cuts {@code count} streaming subscribers at once; each reconnects after {@code offlineMillis} with the last id
     * it saw, all in the same instant, and counts as caught up at its first live event.
     */
    public int storm(int count, long offlineMillis) {
        long at = nowMicros() + offlineMillis * 1_000;
        int cut = 0;
        for (Subscriber subscriber : subscribers) {
            if (cut == count) {
                break;
            }
            if (subscriber.state == Subscriber.State.STREAMING) {
                disconnect(subscriber);
                subscriber.caughtUp = false;
                later.add(new Scheduled(at, subscriber, true));
                cut++;
            }
        }
        maxInFlight = Math.max(maxInFlight, cut);
        return cut;
    }

    /**
     * From now on, {@code perSecond} streaming subscribers a second (spread evenly, picked at random) drop and
     * reconnect at once with the last id they saw, as browsers come and go while a relay serves; 0 stops it. Their
     * events stay under the lost and duplicated checks.
     */
    public void churn(double perSecond) {
        churnPerSecond = perSecond;
        churnOwed = 0;
        churnCheckedMicros = nowMicros();
    }

    private void churnDue(long now) {
        if (churnPerSecond <= 0 || subscribers.isEmpty()) {
            return;
        }
        churnOwed += (now - churnCheckedMicros) / 1e6 * churnPerSecond;
        churnCheckedMicros = now;
        for (int tries = 0; churnOwed >= 1 && tries < 64; tries++) {
            Subscriber subscriber = subscribers.get(churnPicks.nextInt(subscribers.size()));
            if (subscriber.state == Subscriber.State.STREAMING && !subscriber.catchingUpFromStorm()) {
                disconnect(subscriber);
                toConnect.add(subscriber);
                churnOwed--;
            }
        }
    }

    /** Closes every subscriber for good. */
    public void closeAll() {
        for (Subscriber subscriber : subscribers) {
            subscriber.wanted = false;
            if (subscriber.channel != null) {
                disconnect(subscriber);
            }
        }
        toConnect.clear();
        later.clear();
    }

    public void resetStats() {
        stats.reset();
        subscribers.forEach(s -> s.sequence.reset());
    }

    /** The counters since the last reset; its own thread only (go through {@link #call}). */
    public Map<String, Long> counters() {
        long lost = 0;
        long duplicated = 0;
        int everStreamed = 0;
        for (Subscriber subscriber : subscribers) {
            lost += subscriber.sequence.lost();
            duplicated += subscriber.sequence.duplicated();
            everStreamed += subscriber.everStreamed ? 1 : 0;
        }
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        counters.put("subscribers", (long) subscribers.size());
        counters.put("streaming", (long) streaming);
        counters.put("ever_streamed", (long) everStreamed);
        counters.put("delivered", stats.delivered);
        counters.put("replayed", stats.replayed);
        counters.put("lost", lost);
        counters.put("duplicated", duplicated);
        counters.put("http_errors", stats.httpErrors);
        counters.put("io_errors", stats.ioErrors);
        counters.put("server_closes", stats.serverCloses);
        counters.put("relay_notices", stats.relayNotices);
        counters.put("caught_up", stats.caughtUp);
        counters.put("catch_up_max_us", stats.catchUpMaxMicros);
        counters.put("storm_request_max_us", stats.stormRequestMaxMicros);
        counters.put("storm_head_max_us", stats.stormHeadMaxMicros);
        counters.put("window_us", (System.nanoTime() - stats.windowStartNanos) / 1_000);
        return counters;
    }

    /** A copy of the latency histogram since the last reset; its own thread only. */
    public Histogram latencyCopy() {
        return stats.latencyMicros.copy();
    }

    public void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(20);
            } catch (IOException e) {
                throw new IllegalStateException("selector failed", e);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Subscriber subscriber = (Subscriber) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                try {
                    if (key.isConnectable()) {
                        finishConnect(subscriber);
                    } else if (key.isReadable()) {
                        read(subscriber);
                    }
                } catch (IOException | RuntimeException e) {
                    failed(subscriber, false);
                }
            }
            selector.selectedKeys().clear();
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            long now = nowMicros();
            churnDue(now);
            while (!later.isEmpty() && later.peek().atMicros() <= now) {
                Scheduled due = later.poll();
                if (due.subscriber().wanted) {
                    if (due.storm()) {
                        due.subscriber().stormReconnectMicros = now;
                        toConnect.addFirst(due.subscriber());
                    } else {
                        toConnect.add(due.subscriber());
                    }
                }
            }
            while (inFlight < maxInFlight && !toConnect.isEmpty()) {
                connect(toConnect.poll());
            }
        }
        closeAll();
    }

    private void connect(Subscriber subscriber) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            subscriber.channel = channel;
            subscriber.state = Subscriber.State.CONNECTING;
            inFlight++;
            if (channel.connect(server)) {
                subscriber.key = channel.register(selector, 0, subscriber);
                sendRequest(subscriber);
            } else {
                subscriber.key = channel.register(selector, SelectionKey.OP_CONNECT, subscriber);
            }
        } catch (IOException e) {
            failed(subscriber, false);
        }
    }

    private void finishConnect(Subscriber subscriber) throws IOException {
        if (subscriber.channel.finishConnect()) {
            sendRequest(subscriber);
        }
    }

    private void sendRequest(Subscriber subscriber) throws IOException {
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(subscriber.path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        if (subscriber.lastEventId != null) {
            request.append("Last-Event-ID: ").append(subscriber.lastEventId).append("\r\n");
        }
        ByteBuffer bytes = ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            // A few hundred bytes into an empty socket buffer: written at once.
            subscriber.channel.write(bytes);
        }
        subscriber.state = Subscriber.State.AWAITING_HEAD;
        if (subscriber.catchingUpFromStorm()) {
            stats.stormRequestMaxMicros = Math.max(stats.stormRequestMaxMicros,
                    nowMicros() - subscriber.stormReconnectMicros);
        }
        subscriber.parser = new SseStreamParser(new Events(subscriber));
        subscriber.key.interestOps(SelectionKey.OP_READ);
    }

    private void read(Subscriber subscriber) throws IOException {
        for (int i = 0; i < 4; i++) {
            readBuffer.clear();
            int n = subscriber.channel.read(readBuffer);
            if (n < 0) {
                failed(subscriber, subscriber.state == Subscriber.State.STREAMING);
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            subscriber.parser.feed(readBuffer);
            if (subscriber.channel == null) {
                return;
            }
        }
    }

    /** The connection ended or failed; the subscriber comes back after the retry delay, as EventSource would. */
    private void failed(Subscriber subscriber, boolean closedByServer) {
        if (closedByServer) {
            stats.serverCloses++;
        } else {
            stats.ioErrors++;
        }
        retryLater(subscriber);
    }

    private void retryLater(Subscriber subscriber) {
        disconnect(subscriber);
        if (subscriber.wanted) {
            later.add(new Scheduled(nowMicros() + RETRY_MICROS, subscriber, false));
        }
    }

    private void disconnect(Subscriber subscriber) {
        if (subscriber.state == Subscriber.State.CONNECTING || subscriber.state == Subscriber.State.AWAITING_HEAD) {
            inFlight--;
        } else if (subscriber.state == Subscriber.State.STREAMING) {
            streaming--;
        }
        subscriber.state = Subscriber.State.WAITING;
        if (subscriber.parser != null && subscriber.parser.lastEventId() != null) {
            subscriber.lastEventId = subscriber.parser.lastEventId();
        }
        subscriber.parser = null;
        if (subscriber.channel != null) {
            try {
                subscriber.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        subscriber.channel = null;
        subscriber.key = null;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Parser callbacks of one connection. */
    private final class Events implements SseStreamParser.Listener {
        private final Subscriber subscriber;

        Events(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onResponse(int status) {
            inFlight--;
            if (status != 200) {
                // Already counted out of the handshakes in flight; disconnect must not do it again.
                subscriber.state = Subscriber.State.WAITING;
                stats.httpErrors++;
                retryLater(subscriber);
                return;
            }
            subscriber.state = Subscriber.State.STREAMING;
            subscriber.everStreamed = true;
            subscriber.liveSinceMicros = nowMicros();
            if (subscriber.catchingUpFromStorm()) {
                stats.stormHeadMaxMicros = Math.max(stats.stormHeadMaxMicros,
                        subscriber.liveSinceMicros - subscriber.stormReconnectMicros);
            }
            streaming++;
        }

        @Override
        public void onEvent(String id, String event, String data) {
            if (id != null) {
                subscriber.lastEventId = id;
            }
            EventFields fields;
            try {
                fields = EventFields.of(data);
            } catch (RuntimeException e) {
                return;
            }
            if (!fields.isChunk()) {
                if (event.startsWith("stream.")) {
                    stats.relayNotices++;
                }
                return;
            }
            long now = nowMicros();
            stats.delivered++;
            subscriber.sequence.accept(fields.responseId(), fields.seq());
            if (fields.timestampMicros() >= subscriber.liveSinceMicros) {
                stats.latencyMicros.recordValue(Math.max(0, now - fields.timestampMicros()));
            } else {
                stats.replayed++;
            }
            if (subscriber.catchingUpFromStorm()
                    && fields.timestampMicros() >= subscriber.stormReconnectMicros) {
                subscriber.caughtUp = true;
                stats.caughtUp++;
                stats.catchUpMaxMicros = Math.max(stats.catchUpMaxMicros, now - subscriber.stormReconnectMicros);
            }
        }

        @Override
        public void onBodyEnd() {
            failed(subscriber, true);
        }
    }
}
