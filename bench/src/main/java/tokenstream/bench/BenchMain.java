package tokenstream.bench;

import tokenstream.bench.report.BenchmarkReport;
import tokenstream.bench.report.MachineInfo;
import tokenstream.bench.scenario.BaselineScenario;
import tokenstream.bench.scenario.BenchContext;
import tokenstream.bench.scenario.BroadcastScenario;
import tokenstream.bench.scenario.LatencyScenario;
import tokenstream.bench.scenario.ManyConversationsPeerScenario;
import tokenstream.bench.scenario.ManyConversationsScenario;
import tokenstream.bench.scenario.PeerScenario;
import tokenstream.bench.scenario.ReconnectStormScenario;
import tokenstream.bench.scenario.Scenario;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.AppSnapshot;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bench/run}: starts the local stack (broker and topics) on free ports, runs the scenarios one after the
 * other with fresh servers each, prints one table and, after a run of every scenario, writes it into
 * {@code docs/benchmarks.md}. Run from the repository root.
 */
public final class BenchMain {
    static final String USAGE = """
            usage: bench/run [--quick] [--scenario N[,N...]] [--doc] [--no-doc]
              --quick        smoke scale (about 1/10 of the clients, shorter windows): a few minutes in all
              --scenario N   run only these scenarios (1 latency, 2 broadcast, 3 many conversations,
                             4 reconnect storm, 5 baseline, 6 Nchan peer of 2, 7 Nchan peer of 3);
                             default all
              --doc          write docs/benchmarks.md even for a partial or quick run
              --no-doc       never write docs/benchmarks.md (default for partial and quick runs)""";

    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = false;
        Boolean doc = null;
        Set<Integer> selected = new TreeSet<>();
        List<String> words = List.of(args);
        for (int i = 0; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--quick" -> quick = true;
                case "--doc" -> doc = true;
                case "--no-doc" -> doc = false;
                case "--scenario" -> {
                    for (String n : words.get(++i).split(",")) {
                        selected.add(Integer.parseInt(n.trim()));
                    }
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println("bench: unknown option " + words.get(i) + "\n" + USAGE);
                    System.exit(64);
                }
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario scenario : List.of(new LatencyScenario(), new BroadcastScenario(), new PeerScenario(),
                new ManyConversationsScenario(), new ManyConversationsPeerScenario(), new ReconnectStormScenario(),
                new BaselineScenario())) {
            if (selected.isEmpty() || selected.contains(scenario.number())) {
                scenarios.add(scenario);
            }
        }
        boolean writeDoc = doc != null ? doc : selected.isEmpty() && !quick;
        Path repoRoot = Path.of("").toAbsolutePath();
        String command = "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args));
        List<String> machine = MachineInfo.describe();
        Instant started = Instant.now();
        System.out.println("bench: " + command + "\n  " + String.join("\n  ", machine));
        Path apps = AppSnapshot.take(repoRoot, repoRoot.resolve(".data/bench/apps"));
        LocalStack stack = LocalStack.builder().withoutSecurity().repoRoot(apps).dataDir(repoRoot.resolve(".data/bench/stack"))
                .build().start();
        BenchContext context = new BenchContext(stack, apps, quick);
        try {
            // Each scenario starts its own ingest and relay on a topic of its own; the stack's services would only
            // compete for the two cores.
            stack.service(Service.INGEST).stop();
            stack.service(Service.RELAY).stop();
            stack.service(Service.CONSUMERS).stop();
            for (Scenario scenario : scenarios) {
                System.out.println("bench: scenario " + scenario.number() + " (" + scenario.title() + ")");
                try {
                    scenario.run(context);
                } catch (Exception e) {
                    e.printStackTrace();
                    context.row(ResultRow.info(scenario.number() + " " + scenario.title(), "failed", e.toString()
                            .replace('|', '/').replace('\n', ' ')));
                }
            }
        } finally {
            stack.close();
        }
        String duration = Duration.between(started, Instant.now()).toMinutes() + " min";
        System.out.println("\n" + BenchmarkReport.table(context.rows()));
        if (writeDoc) {
            Path docFile = repoRoot.resolve("docs/benchmarks.md");
            BenchmarkReport.write(docFile, BenchmarkReport.block(context.rows(), context.details(), command,
                    started.truncatedTo(ChronoUnit.SECONDS).toString(), duration, machine));
            System.out.println("bench: results written to " + docFile);
        }
        System.exit(0);
    }
}
