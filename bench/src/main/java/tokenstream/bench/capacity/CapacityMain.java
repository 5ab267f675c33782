package tokenstream.bench.capacity;

import tokenstream.bench.capacity.CapacityPlan.Limit;
import tokenstream.bench.capacity.CapacityPlan.Tier;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the capacity model's answer for one workload: {@code bench/capacity --streams 100000 --tokens-per-second 30
 * --viewers 1 --affinity on}. {@code --inputs} prints every per-unit figure with its source, {@code --sizes} the
 * measured record sizes, {@code --help} the flags.
 */
public final class CapacityMain {
    private CapacityMain() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/capacity: " + e.getMessage() + " (--help lists the flags)");
            System.exit(2);
        }
    }

    static void run(String[] args, PrintStream out) {
        double streams = 10_000;
        double tokens = 30;
        double viewers = 1;
        double responseTokens = 500;
        boolean affinity = false;
        int relays = 0;
        int brokers = 0;
        int consumers = 0;
        boolean inputs = false;
        RecordSizes sizes = RecordSizes.typical();
        UnitCosts costs = UnitCosts.defaults(sizes);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> {
                    help(out);
                    return;
                }
                case "--sizes" -> {
                    sizes(sizes, out);
                    return;
                }
                case "--inputs" -> inputs = true;
                default -> {
                    String value = valueOf(args, ++i, flag);
                    switch (flag) {
                        case "--streams", "-C" -> streams = number(flag, value);
                        case "--tokens-per-second", "-T" -> tokens = number(flag, value);
                        case "--viewers", "-V" -> viewers = number(flag, value);
                        case "--response-tokens", "-L" -> responseTokens = number(flag, value);
                        case "--relays", "-R" -> relays = (int) number(flag, value);
                        case "--brokers" -> brokers = (int) number(flag, value);
                        case "--consumers" -> consumers = (int) number(flag, value);
                        case "--affinity" -> affinity = onOff(value);
                        default -> costs = costs.with(cost(flag), number(flag, value));
                    }
                }
            }
        }
        Workload workload = new Workload(streams, tokens, viewers, responseTokens, affinity, relays, brokers, consumers);
        if (inputs) {
            inputs(costs, out);
        }
        print(workload, CapacityModel.plan(workload, costs), costs, out);
    }

    static void print(Workload w, CapacityPlan p, UnitCosts u, PrintStream out) {
        out.printf(Locale.ROOT, "workload: C=%s streams x T=%s tokens/s x V=%s viewers, responses of %s tokens, "
                        + "partition affinity %s%n", count(w.streams()), count(w.tokensPerSecond()),
                count(w.viewersPerStream()), count(w.responseTokens()), w.partitionAffinity() ? "on" : "off");
        out.println();
        out.println("| flow | value |");
        out.println("|---|---|");
        row(out, "events/s into Kafka (C x T)", count(p.eventsPerSecond()));
        row(out, "bytes/s produced to the chunks topic", bytes(p.topicBytesPerSecond()) + "/s");
        row(out, "deliveries/s (C x T x V)", count(p.deliveriesPerSecond()));
        row(out, "SSE bytes/s out of the relays", bytes(p.sseBytesPerSecond()) + "/s");
        row(out, "responses ending/s", count(p.responsesPerSecond()));
        row(out, "consumers' writes (changelogs, audit records)", bytes(p.consumersWriteBytesPerSecond()) + "/s");
        row(out, "times the relays read the topic", count(p.relayReadsOfTopic()));
        row(out, "broker egress, all brokers", bytes(p.brokerEgressBytesPerSecond()) + "/s");
        row(out, "broker ingress, all replicas", bytes(p.brokerIngressBytesPerSecond()) + "/s");
        row(out, "stored on the brokers, all replicas", bytes(p.brokerStoredBytes()));
        row(out, "Streams state: open responses / ended, retained", bytes(p.openStateBytes()) + " / "
                + bytes(p.retainedStateBytes()));
        out.println();
        out.println("| needed | count | most used resource |");
        out.println("|---|---|---|");
        tier(out, "brokers", p.brokers(), w.brokers(), p.bindingLimit(Tier.BROKERS));
        out.printf(Locale.ROOT, "| chunks partitions | %d | max(min-partitions, consumers instances, topic bytes/s / "
                + "partition-bytes%s) |%n", p.partitions(), w.partitionAffinity() ? ", rounded up to a multiple of R" : "");
        tier(out, "relay instances", p.relays(), w.relays(), p.bindingLimit(Tier.RELAYS));
        tier(out, "consumers instances", p.consumers(), w.consumers(), p.bindingLimit(Tier.CONSUMERS));
        out.println();
        out.println("| resource | demand | capacity | use |");
        out.println("|---|---|---|---|");
        for (Limit limit : p.limits()) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", limit.resource().label(),
                    amount(limit.demand(), limit.resource().unit()), amount(limit.capacity(), limit.resource().unit()),
                    percent(limit.utilisation()));
        }
        out.println();
        Limit first = p.firstLimit();
        out.printf(Locale.ROOT, "first limit: %s at %s%s%n", first.resource().label(), percent(first.utilisation()),
                p.fits() ? "" : " -- DOES NOT FIT" + (w.partitionAffinity() ? "" : " (no relay count fixes a "
                        + "resource every relay spends on the whole topic; try --affinity on)"));
        double ceiling = CapacityModel.eventsCeilingWithoutAffinity(u);
        out.printf(Locale.ROOT, "without affinity the topic may carry at most %s events/s (every relay reads all of "
                + "it): %s streams at %s tokens/s, whatever R%n", count(ceiling),
                count(Math.floor(ceiling / w.tokensPerSecond())), count(w.tokensPerSecond()));
    }

    static void inputs(UnitCosts u, PrintStream out) {
        out.println("| input (flag) | value | unit | kind | source |");
        out.println("|---|---|---|---|---|");
        for (Cost cost : Cost.values()) {
            out.printf(Locale.ROOT, "| `--%s` | %s | %s | %s | %s |%n", cost.key(), plain(u.get(cost)), cost.unit(),
                    cost.provenance().name().toLowerCase(Locale.ROOT), cost.source());
        }
        out.println();
    }

    static void sizes(RecordSizes s, PrintStream out) {
        out.printf(Locale.ROOT, "typical text.delta (RecordSizes: UUID conversation id, resp_ id, 4-character token)%n");
        out.printf(Locale.ROOT, "  JSON value %d B, key %d B, headers %d B%n", s.valueBytes(), s.keyBytes(), s.headerBytes());
        out.printf(Locale.ROOT, "  Kafka record in a batch of %d: %.1f B uncompressed, %.1f B with lz4%n",
                RecordSizes.RECORDS_PER_BATCH, s.recordBytes(), s.lz4RecordBytes());
        out.printf(Locale.ROOT, "  SSE delivery (frame + HTTP chunk): %d B%n", s.sseDeliveryBytes());
        out.printf(Locale.ROOT, "  consumers part-store changelog per event (put + tombstone): %d B%n",
                s.partChangelogBytes());
    }

    private static void help(PrintStream out) {
        out.println("bench/capacity [--streams C] [--tokens-per-second T] [--viewers V] [--response-tokens L]");
        out.println("               [--relays R] [--brokers B] [--consumers N] [--affinity on|off]");
        out.println("               [--inputs] [--sizes] [--<input> value ...]");
        out.println("Defaults: C=10000, T=30, V=1, L=500, affinity off; R, B and N are sized when not given.");
        out.println("Inputs (--inputs prints them with their sources):");
        out.println("  " + String.join(" ", Arrays.stream(Cost.values()).map(c -> "--" + c.key()).toList()));
    }

    private static Cost cost(String flag) {
        for (Cost cost : Cost.values()) {
            if (flag.equals("--" + cost.key())) {
                return cost;
            }
        }
        throw new IllegalArgumentException("unknown flag " + flag);
    }

    private static String valueOf(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static double number(String flag, String value) {
        try {
            return Double.parseDouble(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a number, got " + value);
        }
    }

    private static boolean onOff(String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("--affinity wants on or off, got " + value);
        };
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "| %s | %s |%n", name, value);
    }

    private static void tier(PrintStream out, String name, int count, int given, Limit binding) {
        out.printf(Locale.ROOT, "| %s | %d%s | %s, %s |%n", name, count, given > 0 ? " (given)" : "",
                binding.resource().label(), percent(binding.utilisation()));
    }

    private static String amount(double value, String unit) {
        return switch (unit) {
            case "B" -> bytes(value);
            case "B/s" -> bytes(value) + "/s";
            case "cores" -> String.format(Locale.ROOT, "%.2f cores", value);
            default -> count(value) + " " + unit;
        };
    }

    static String count(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%,.2f", value);
    }

    static String bytes(double value) {
        List<Map.Entry<Double, String>> units = List.of(Map.entry(1e15, "PB"), Map.entry(1e12, "TB"), Map.entry(1e9, "GB"),
                Map.entry(1e6, "MB"), Map.entry(1e3, "kB"));
        for (Map.Entry<Double, String> unit : units) {
            if (value >= unit.getKey()) {
                return String.format(Locale.ROOT, "%.1f %s", value / unit.getKey(), unit.getValue());
            }
        }
        return String.format(Locale.ROOT, "%.0f B", value);
    }

    private static String percent(double utilisation) {
        return String.format(Locale.ROOT, "%.0f %%", utilisation * 100);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
