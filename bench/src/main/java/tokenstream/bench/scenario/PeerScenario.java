package tokenstream.bench.scenario;

import tokenstream.bench.peer.NchanPublisher;
import tokenstream.bench.peer.NchanServer;
import tokenstream.bench.report.ResultRow;

import java.util.concurrent.atomic.AtomicReference;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 6: scenario 2's broadcast served by nginx + Nchan (one worker, loopback) with the same load generator and
 * the same ramp, and the relay/Nchan ratios when scenario 2 ran in the same run.
 */
public final class PeerScenario implements Scenario {
    /** The low rate per client, where writes cannot be coalesced much and CPU per delivery shows. */
    private static final double LOW_RATE = 10;

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "peer (nginx + Nchan)";
    }

    @Override
    public void run(BenchContext context) {
        String name = "6 peer (Nchan)";
        if (!NchanServer.installed()) {
            context.row(ResultRow.info(name, "skipped", "nginx/Nchan not installed: apt-get install -y nginx libnginx-mod-nchan"));
            return;
        }
        AtomicReference<NchanPublisher> publisher = new AtomicReference<>();
        BroadcastRamp.Result nchan;
        try (NchanServer server = NchanServer.start(context.logDir().resolve("bench-nchan"))) {
            nchan = BroadcastRamp.run(context, "nchan", server.port(), server.pid(),
                    BroadcastScenario.clients(context), "/sub", BroadcastScenario.rates(context),
                    (responseId, rate, seconds) -> {
                        if (publisher.get() != null) {
                            publisher.get().close();
                        }
                        NchanPublisher next = new NchanPublisher(server.port());
                        next.start(responseId, rate, (int) Math.round(rate * seconds));
                        publisher.set(next);
                    });
        } finally {
            if (publisher.get() != null) {
                publisher.get().close();
            }
        }
        BroadcastScenario.report(context, name, nchan, false);
        BroadcastRamp.Result relay = BroadcastScenario.lastRelayResult();
        if (relay == null || relay.steps().isEmpty() || nchan.steps().isEmpty()) {
            context.row(ResultRow.info(name, "relay / Nchan ratios", "n/a (needs scenario 2 in the same run)"));
            return;
        }
        Step relayBest = relay.best() == null ? relay.steps().get(0) : relay.best();
        Step nchanBest = nchan.best() == null ? nchan.steps().get(0) : nchan.best();
        double delivered = relayBest.deliveredPerSecond() / nchanBest.deliveredPerSecond();
        context.row(ResultRow.checked(name, "relay / Nchan highest sustained delivered events/s (p99 < 250 ms; else"
                + " first step)", format(delivered) + "x (" + format(relayBest.deliveredPerSecond()) + " / "
                + format(nchanBest.deliveredPerSecond()) + ")", ">= 1.5x, relay sustained",
                relay.best() != null && delivered >= 1.5));
        Step relayLow = relay.at(LOW_RATE);
        Step nchanLow = nchan.at(LOW_RATE);
        if (relayLow != null && nchanLow != null) {
            double relayMicros = relayLow.serverCores() / relayLow.deliveredPerSecond() * 1e6;
            double nchanMicros = nchanLow.serverCores() / nchanLow.deliveredPerSecond() * 1e6;
            context.row(ResultRow.checked(name, "relay / Nchan CPU per delivery at " + format(LOW_RATE) + " events/s",
                    format(relayMicros / nchanMicros) + "x (" + format(relayMicros) + " / " + format(nchanMicros)
                            + " us)", "<= 1.15x", relayMicros <= 1.15 * nchanMicros));
            context.row(ResultRow.checked(name, "relay / Nchan p99 at " + format(LOW_RATE) + " events/s",
                    format(relayLow.p(99) / nchanLow.p(99)) + "x (" + format(relayLow.p(99)) + " / "
                            + format(nchanLow.p(99)) + " ms)", "<= 1x", relayLow.p(99) <= nchanLow.p(99)));
        } else {
            context.row(ResultRow.info(name, "relay / Nchan at " + format(LOW_RATE) + " events/s",
                    "n/a (a ramp ended before it)"));
        }
        context.row(ResultRow.info(name, "relay / Nchan memory per idle connection",
                format(relay.idleBytesPerConnection() / nchan.idleBytesPerConnection()) + "x ("
                        + format(relay.idleBytesPerConnection() / 1024) + " / "
                        + format(nchan.idleBytesPerConnection() / 1024) + " KB)"));
    }
}
