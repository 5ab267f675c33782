package tokenstream.replay;

import tokenstream.protocol.Topics;
import tokenstream.kafkasetup.KafkaConnection;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The command line of the replay tool.
 *
 * @param ssePort null to print text on stdout, else the loopback port to serve SSE on (0 = any free port)
 */
public record ReplayOptions(String bootstrapServers, Path commandConfig, String topic, Selection selection, double speed,
                            Integer ssePort) {
    public static final String USAGE = String.join("\n",
            "usage: replay [--bootstrap-servers host:port] [--topic name]",
            "              (--conversation id | --response id | --from time) [--to time]",
            "              [--speed factor|max] [--sse-port port]",
            "  --bootstrap-servers  default $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092",
            "  --command-config     Kafka client properties file (security.protocol, sasl.*, ssl.*), as for Kafka's tools",
            "  --topic              chunks topic, default " + Topics.CHUNKS,
            "  --conversation       every response of one conversation, in topic order",
            "  --response           one response (with --conversation, only its partition is read; a response",
            "                       id is unique only within its conversation, so an id found in several",
            "                       conversations needs --conversation)",
            "  --from / --to        record time range, ISO-8601 instant or epoch millis (inclusive)",
            "  --speed              1 = original timing (default), 10 = ten times faster, max = no waiting",
            "  --sse-port           serve the replay as SSE on 127.0.0.1:port instead of printing text;",
            "                       the tool exits after the first client has received the whole replay");

    public static ReplayOptions parse(String[] args) {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        Path commandConfig = null;
        String topic = Topics.CHUNKS;
        String conversation = null;
        String response = null;
        Instant from = null;
        Instant to = null;
        double speed = 1;
        Integer ssePort = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--bootstrap-servers" -> bootstrap = value;
                case "--command-config" -> commandConfig = Path.of(value);
                case "--topic" -> topic = value;
                case "--conversation" -> conversation = value;
                case "--response" -> response = value;
                case "--from" -> from = instant(name, value);
                case "--to" -> to = instant(name, value);
                case "--speed" -> speed = speed(value);
                case "--sse-port" -> ssePort = port(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new ReplayOptions(bootstrap, commandConfig, topic, new Selection(conversation, response, from, to), speed, ssePort);
    }

    /** How the reader connects: the bootstrap servers, with the security settings of {@code --command-config}. */
    public KafkaConnection connection() {
        return KafkaConnection.forCommandLine(bootstrapServers, commandConfig);
    }

    private static Instant instant(String name, String value) {
        try {
            return value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant or epoch millis, got " + value);
        }
    }

    private static double speed(String value) {
        if ("max".equals(value)) {
            return Replayer.AS_FAST_AS_POSSIBLE;
        }
        try {
            double speed = Double.parseDouble(value);
            if (speed > 0 && !Double.isInfinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // same answer as a non-positive number
        }
        throw new IllegalArgumentException("--speed must be a positive number or 'max', got " + value);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // same answer as an out-of-range number
        }
        throw new IllegalArgumentException("--sse-port must be a port number (0-65535), got " + value);
    }
}
