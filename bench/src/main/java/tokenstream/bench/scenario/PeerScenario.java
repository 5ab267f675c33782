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
        context.row(ResultRow.checked(name, "relay / Nchan delivered events/s (highest sustained step of each, else"
                + " first step)", format(delivered) + "x (" + format(relayBest.deliveredPerSecond()) + " / "
                + format(nchanBest.deliveredPerSecond()) + ")", ">= 0.7x, relay sustained",
                relay.best() != null && delivered >= 0.7));
        double common = Math.min(relay.steps().get(relay.steps().size() - 1).offeredPerSecond() / relay.subscribers(),
                nchan.steps().get(nchan.steps().size() - 1).offeredPerSecond() / nchan.subscribers());
        Step relayCommon = relay.at(common);
        Step nchanCommon = nchan.at(common);
        if (relayCommon != null && nchanCommon != null) {
            context.row(ResultRow.info(name, "relay / Nchan p99 at " + format(common) + " events/s (both measured)",
                    format(relayCommon.p(99) / nchanCommon.p(99)) + "x (" + format(relayCommon.p(99)) + " / "
                            + format(nchanCommon.p(99)) + " ms)"));
        }
        context.row(ResultRow.info(name, "relay / Nchan memory per connection",
                format(relay.bytesPerConnection() / nchan.bytesPerConnection()) + "x ("
                        + format(relay.bytesPerConnection() / 1024) + " / " + format(nchan.bytesPerConnection() / 1024)
                        + " KB)"));
    }
}
