package tokenstream.ingest.upstream.simulator;

import org.jboss.logging.Logger;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.Usage;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated generation: a fixed-rate task on the shared timer emits one token per tick. A periodic
 * task never overlaps itself, so the listener is called from one thread at a time, in order.
 */
final class SimulatedStream implements UpstreamStream {
    private static final Logger LOG = Logger.getLogger(SimulatedStream.class);

    private final List<String> tokens;
    private final int promptTokens;
    private final UpstreamListener listener;
    private int next;
    private volatile boolean stopped;
    private ScheduledFuture<?> ticks;

    SimulatedStream(List<String> tokens, int promptTokens, UpstreamListener listener) {
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.listener = listener;
    }

    synchronized void start(ScheduledExecutorService timer, double tokensPerSecond) {
        long periodNanos = Math.max(1L, (long) (TimeUnit.SECONDS.toNanos(1) / tokensPerSecond));
        ticks = timer.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void cancel() {
        stopped = true;
        stopTicking();
    }

    private void tick() {
        if (stopped) {
            stopTicking();
            return;
        }
        try {
            if (next < tokens.size()) {
                listener.onTextDelta(tokens.get(next++));
            }
            if (next == tokens.size() && !stopped) {
                stopped = true;
                stopTicking();
                listener.onCompleted("stop", Usage.of(promptTokens, tokens.size()));
            }
        } catch (RuntimeException e) {
            // An exception would silently end a periodic task; make it an upstream failure instead.
            LOG.error("simulated generation failed", e);
            stopped = true;
            stopTicking();
            listener.onError("simulator failed: " + e.getMessage(), e);
        }
    }

    private synchronized void stopTicking() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
