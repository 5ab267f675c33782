package tokenstream.ingest.upstream.simulator;

import org.jboss.logging.Logger;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.Usage;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated generation: a fixed-rate task on the shared timer plays one step of its
 * {@link SimulatedPlan} per tick. A periodic task never overlaps itself, so the listener is called from one
 * thread at a time, in order.
 */
final class SimulatedStream implements UpstreamStream {
    private static final Logger LOG = Logger.getLogger(SimulatedStream.class);

    private final SimulatedPlan plan;
    private final int promptTokens;
    private final UpstreamListener listener;
    private int next;
    private volatile boolean stopped;
    private ScheduledFuture<?> ticks;

    SimulatedStream(SimulatedPlan plan, int promptTokens, UpstreamListener listener) {
        this.plan = plan;
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
            SimulationFaults faults = plan.faults();
            if (faults.stallAfterTokens() != null && next >= faults.stallAfterTokens()) {
                // A stalled model keeps the connection open and says nothing; only ingest's watchdog ends it.
                stopTicking();
                return;
            }
            if (faults.errorAfterTokens() != null && next >= faults.errorAfterTokens()) {
                end();
                listener.onFailed(FailureCodes.UPSTREAM_ERROR, "simulated upstream error after " + next + " tokens", null);
                return;
            }
            if (next < plan.steps().size()) {
                play(plan.steps().get(next++));
            }
            if (next == plan.steps().size() && !stopped) {
                end();
                listener.onCompleted(plan.finishReason(), Usage.of(promptTokens, plan.steps().size()));
            }
        } catch (RuntimeException e) {
            // An exception would silently end a periodic task; make it an upstream failure instead.
            LOG.error("simulated generation failed", e);
            end();
            listener.onError("simulator failed: " + e.getMessage(), e);
        }
    }

    private void play(SimulatedStep step) {
        if (step.isText()) {
            listener.onTextDelta(step.text());
        } else {
            listener.onToolCallFragment(step.toolIndex(), step.callId(), step.toolName(), step.argumentsFragment());
        }
    }

    private void end() {
        stopped = true;
        stopTicking();
    }

    private synchronized void stopTicking() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
