package tokenstream.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code bin/tokenstream-local}.
 *
 * @param dataDir null means {@code .data/} in the repository root
 */
public record LaunchOptions(int brokerPort, int relayPort, int ingestPort, int consumersPort, Path dataDir,
                            boolean fresh, boolean echoLogs, boolean help) {

    public static final String USAGE = String.join("\n",
            "Usage: bin/tokenstream-local [options]",
            "Runs the Kafka broker, its topics, and the consumers, relay and ingest services on this machine.",
            "",
            "  --broker-port N     Kafka client port (default 9092)",
            "  --relay-port N      relay HTTP port, also the demo page (default 8080)",
            "  --ingest-port N     ingest HTTP port (default 8081)",
            "  --consumers-port N  consumers HTTP port (default 8082)",
            "  --data-dir DIR      broker data and service logs (default .data/ in the repository root)",
            "  --fresh             delete the data folder first (all topics and records start empty)",
            "  --echo-logs         also print every service's log here, prefixed with [service]",
            "  --no-build          run what is built even if sources changed (bin/tokenstream-local rebuilds otherwise)",
            "  --help              print this and exit",
            "",
            "A port of 0 picks a free port. Ctrl-C stops everything.");

    /** Parses the arguments; unknown options and bad numbers throw with a message meant for the user. */
    public static LaunchOptions parse(List<String> args) {
        int broker = 9092;
        int relay = 8080;
        int ingest = 8081;
        int consumers = 8082;
        Path dataDir = null;
        boolean fresh = false;
        boolean echo = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--broker-port":
                    broker = port(arg, value(args, ++i, arg));
                    break;
                case "--relay-port":
                    relay = port(arg, value(args, ++i, arg));
                    break;
                case "--ingest-port":
                    ingest = port(arg, value(args, ++i, arg));
                    break;
                case "--consumers-port":
                    consumers = port(arg, value(args, ++i, arg));
                    break;
                case "--data-dir":
                    dataDir = Path.of(value(args, ++i, arg));
                    break;
                case "--fresh":
                    fresh = true;
                    break;
                case "--echo-logs":
                    echo = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        return new LaunchOptions(broker, relay, ingest, consumers, dataDir, fresh, echo, help);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value (see --help)");
        }
        return args.get(index);
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a port number from 0 to 65535, got '" + text + "'");
    }
}
