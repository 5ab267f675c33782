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
                            context.detail("nchan publisher: " + previous.published() + " published, "
                                    + previous.failed() + " failed");
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
                context.detail("nchan publisher: " + last.published() + " published, " + last.failed() + " failed");
            }
        }
        ManyConversationsScenario.report(context, name, nchan, "Nchan");
        ConversationsRamp.Result relay = ManyConversationsScenario.lastRelayResult();
        if (relay == null) {
            context.row(ResultRow.info(name, "relay / Nchan sustained rate", "n/a (needs scenario 3 in the same run)"));
            return;
        }
        if (nchan.best() == null) {
            context.row(ResultRow.checked(name, "relay / Nchan highest delivered events/s with p99 < 100 ms",
                    relay.best() == null ? "neither sustained a step" : "Nchan sustained none; relay "
                            + format(relay.best().deliveredPerSecond()), ">= 1x", relay.best() != null));
            return;
        }
        double relayRate = relay.best() == null ? 0 : relay.best().deliveredPerSecond();
        double ratio = relayRate / nchan.best().deliveredPerSecond();
        context.row(ResultRow.checked(name, "relay / Nchan highest delivered events/s with p99 < 100 ms",
                format(ratio) + "x (" + format(relayRate) + " / " + format(nchan.best().deliveredPerSecond()) + ")",
                ">= 1x", ratio >= 1));
    }
}
