package tokenstream.bench.scenario;

import tokenstream.bench.peer.NchanChannelsPublisher;
import tokenstream.bench.peer.NchanServer;
import tokenstream.bench.report.ResultRow;

import java.util.concurrent.atomic.AtomicReference;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 7: scenario 3's many conversations served by nginx + Nchan (one worker, loopback), one channel per
 * conversation, with the same load generator and the same ramp, and the relay/Nchan ratio when scenario 3 ran in the
 * same run.
 */
public final class ManyConversationsPeerScenario implements Scenario {

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "peer, many conversations (nginx + Nchan)";
    }

    @Override
    public void run(BenchContext context) {
        String name = "7 peer, many conversations (Nchan)";
        if (!NchanServer.installed()) {
            context.row(ResultRow.info(name, "skipped", "nginx/Nchan not installed: apt-get install -y nginx libnginx-mod-nchan"));
            return;
        }
        AtomicReference<NchanChannelsPublisher> publisher = new AtomicReference<>();
        ConversationsRamp.Result nchan;
        try (NchanServer server = NchanServer.start(context.logDir().resolve("bench-nchan-channels"))) {
            nchan = ConversationsRamp.run(context, "nchan", server.port(), server.pid(), "/sub/s7-{n}",
                    (tag, rate, seconds) -> {
                        NchanChannelsPublisher previous = publisher.get();
                        if (previous != null) {
                            previous.close();
                            context.detail("nchan publisher: " + previous.summary());
                        }
                        NchanChannelsPublisher next = new NchanChannelsPublisher(server.port());
                        int conversations = ConversationsRamp.conversations(context);
                        next.start("s7-", conversations, tag, rate, seconds);
                        publisher.set(next);
                        return conversations;
                    });
        } finally {
            NchanChannelsPublisher last = publisher.get();
            if (last != null) {
                last.close();
                context.detail("nchan publisher: " + last.summary());
            }
        }
        ManyConversationsScenario.report(context, name, nchan, "Nchan");
        ConversationsRamp.Result relay = ManyConversationsScenario.lastRelayResult();
        if (relay == null) {
            context.row(ResultRow.info(name, "relay / Nchan sustained rate", "n/a (needs scenario 3 in the same run)"));
            return;
        }
        context.row(comparison(name, relay.best(), nchan.best()));
    }

    /**
     * The relay against Nchan on their highest sustained steps. A step's rate is what it offered (every sustained step
     * delivered at least 90 % of it, and their delivered counts differ by the window's noise): a higher step wins; on
     * the same step, the lower p99 ("at equal p99" in the words).
     */
    static ResultRow comparison(String name, Step relay, Step nchan) {
        String metric = "relay / Nchan highest sustained rate with p99 < 100 ms (p99 on it)";
        String target = ">= 1x, p99 <= Nchan's on an equal step";
        if (relay == null || nchan == null) {
            return ResultRow.checked(name, metric, noStep(relay, nchan), target, relay != null);
        }
        double ratio = relay.offeredPerSecond() / nchan.offeredPerSecond();
        boolean pass = ratio > 1 || ratio == 1 && relay.p(99) <= nchan.p(99);
        return ResultRow.checked(name, metric, format(ratio) + "x (" + format(relay.offeredPerSecond()) + "/s, p99 "
                + format(relay.p(99)) + " ms / " + format(nchan.offeredPerSecond()) + "/s, p99 "
                + format(nchan.p(99)) + " ms)", target, pass);
    }

    /** The comparison's value when one side, or both, sustained no step. */
    private static String noStep(Step relay, Step nchan) {
        if (relay == null && nchan == null) {
            return "neither sustained a step";
        }
        if (relay == null) {
            return "the relay sustained none; Nchan " + format(nchan.offeredPerSecond()) + "/s";
        }
        return "Nchan sustained none; relay " + format(relay.offeredPerSecond()) + "/s";
    }
}
