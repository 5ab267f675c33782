package tokenstream.kafkasetup;

import tokenstream.protocol.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The command line of {@link TopicAdmin}. */
public record TopicAdminOptions(String bootstrapServers, Path commandConfig, TopicSettings settings, Duration timeout,
                                boolean help) {

    public static final String USAGE = String.join("\n",
            "Usage: TopicAdmin --bootstrap-server HOST:PORT[,HOST:PORT...] [options]",
            "Creates the pipeline's topics that are missing and checks the ones that exist. Changes nothing that exists.",
            "",
            "  --chunks-partitions N     partitions of the chunks, responses and control topics (default 6)",
            "  --replication-factor N    copies of every partition (default 1; 3 on a production cluster)",
            "  --min-insync-replicas N   copies an acks=all write waits for (default 1; 2 with replication 3)",
            "  --chunks-retention DUR    ISO-8601 duration chunks (and response-id claims) are kept, e.g. P7D (default P7D)",
            "  --control-retention DUR   ISO-8601 duration control messages are kept (default P1D)",
            "  --chunks-topic NAME       (default tokenstream.chunks)",
            "  --responses-topic NAME    (default tokenstream.responses)",
            "  --control-topic NAME      (default tokenstream.control)",
            "  --dead-letter-topic NAME  (default tokenstream.dead-letter)",
            "  --response-owners-topic NAME (default tokenstream.response-owners)",
            "  --timeout DUR             how long to wait for the cluster (default PT30S)",
            "  --command-config FILE     Kafka client properties (security.protocol, sasl.*, ssl.*), as for Kafka's tools",
            "",
            "Exit codes: 0 topics ready (drift is printed), 2 the chunks topic has another partition count,",
            "1 any other failure, 64 bad arguments.");

    /** Parses the arguments; unknown options and bad values throw with a message meant for the user. */
    public static TopicAdminOptions parse(List<String> args) {
        TopicSettings defaults = TopicSettings.localDefaults();
        String bootstrap = null;
        Path commandConfig = null;
        int partitions = defaults.chunksPartitions();
        int replication = defaults.replicationFactor();
        int minIsr = defaults.minInsyncReplicas();
        Duration chunksRetention = defaults.chunksRetention();
        Duration controlRetention = defaults.controlRetention();
        TopicNames names = defaults.names();
        Duration timeout = Duration.ofSeconds(30);
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            String value = value(args, ++i, option);
            switch (option) {
                case "--bootstrap-server" -> bootstrap = value;
                case "--chunks-partitions" -> partitions = number(option, value);
                case "--replication-factor" -> replication = number(option, value);
                case "--min-insync-replicas" -> minIsr = number(option, value);
                case "--chunks-retention" -> chunksRetention = duration(option, value);
                case "--control-retention" -> controlRetention = duration(option, value);
                case "--chunks-topic" -> names = new TopicNames(value, names.responses(), names.control(), names.deadLetter(),
                        names.responseOwners());
                case "--responses-topic" -> names = new TopicNames(names.chunks(), value, names.control(), names.deadLetter(),
                        names.responseOwners());
                case "--control-topic" -> names = new TopicNames(names.chunks(), names.responses(), value, names.deadLetter(),
                        names.responseOwners());
                case "--dead-letter-topic" -> names = new TopicNames(names.chunks(), names.responses(), names.control(), value,
                        names.responseOwners());
                case "--response-owners-topic" -> names = new TopicNames(names.chunks(), names.responses(), names.control(),
                        names.deadLetter(), value);
                case "--timeout" -> timeout = duration(option, value);
                case "--command-config" -> commandConfig = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + " (see --help)");
            }
        }
        if (bootstrap == null && !help) {
            throw new IllegalArgumentException("--bootstrap-server is required (see --help)");
        }
        return new TopicAdminOptions(bootstrap, commandConfig, help ? defaults
                : new TopicSettings(names, partitions, replication, minIsr, chunksRetention, controlRetention), timeout, help);
    }

    /** How the admin client connects: the bootstrap servers, with the security settings of {@code --command-config}. */
    public KafkaConnection connection() {
        return KafkaConnection.forCommandLine(bootstrapServers, commandConfig);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value (see --help)");
        }
        return args.get(index);
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + text + "'");
        }
    }

    private static Duration duration(String option, String text) {
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as P7D or PT30S, got '" + text + "'");
        }
    }
}
