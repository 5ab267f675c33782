package tokenstream.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code bin/tokenstream-local}.
 *
 * @param dataDir null means {@code .data/} in the repository root
 */
public record LaunchOptions(int brokerPort, int relayPort, int ingestPort, int consumersPort, Path dataDir,
                            boolean fresh, boolean echoLogs, boolean help) {

    /**
     * What {@code --help} prints. A text file in the sources, so that {@code bin/tokenstream-local --help} can print it
     * at once, before anything is built.
     */
    public static final String USAGE = usage();

    private static String usage() {
        try (InputStream text = LaunchOptions.class.getResourceAsStream("usage.txt")) {
            if (text == null) {
                throw new IllegalStateException("usage.txt is missing from the launcher's classes");
            }
            return new String(text.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
