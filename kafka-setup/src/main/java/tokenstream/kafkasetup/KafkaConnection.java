package tokenstream.kafkasetup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the Kafka cluster is and how to authenticate to it: the settings that every Kafka client of a process
 * (producers, consumers, admin clients, Kafka Streams) shares, so that turning on SASL/SCRAM or TLS is one set of
 * properties and no client is forgotten.
 *
 * <p>Only connection settings are carried: {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*},
 * {@code ssl.*} (and Quarkus' {@code tls-configuration-name}, which its {@code ssl.engine.factory.class} needs).
 * Tuning of one client (acks, linger, isolation level) stays with the code that owns that client.
 *
 * @param bootstrapServers the {@code bootstrap.servers} list
 * @param security         the security settings, Kafka client property names; may hold secrets, never printed
 */
public record KafkaConnection(String bootstrapServers, Map<String, Object> security) {

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is required");
        }
        security = Collections.unmodifiableMap(new TreeMap<>(security));
    }

    /** A connection without authentication or encryption (a local broker). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Picks the connection settings out of a full Kafka client configuration (for example every {@code kafka.*}
     * property of a Quarkus service, prefix removed); everything else is ignored.
     */
    public static KafkaConnection fromClientProperties(Map<String, ?> properties) {
        Object bootstrap = properties.get("bootstrap.servers");
        Map<String, Object> security = new HashMap<>();
        properties.forEach((key, value) -> {
            if (isConnectionSetting(key) && value != null && !String.valueOf(value).isEmpty()) {
                security.put(key, value);
            }
        });
        return new KafkaConnection(bootstrap == null ? null : String.valueOf(bootstrap), security);
    }

    /**
     * Reads a Kafka client properties file, the format of the Kafka tools' {@code --command-config}; its
     * {@code bootstrap.servers}, if any, loses to {@code bootstrapServers}.
     *
     * @throws IllegalArgumentException if the file cannot be read
     */
    public static KafkaConnection fromCommandConfig(String bootstrapServers, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the client properties file " + file + ": " + e.getMessage());
        }
        Map<String, Object> settings = new HashMap<>();
        properties.forEach((key, value) -> settings.put(String.valueOf(key), value));
        if (bootstrapServers != null) {
            settings.put("bootstrap.servers", bootstrapServers);
        }
        return fromClientProperties(settings);
    }

    /**
     * What a command-line tool connects with: {@code bootstrapServers}, plus the security settings of its
     * {@code --command-config} file when one is given ({@code null}: none).
     */
    public static KafkaConnection forCommandLine(String bootstrapServers, Path commandConfig) {
        return commandConfig == null ? plaintext(bootstrapServers) : fromCommandConfig(bootstrapServers, commandConfig);
    }

    /** Whether a Kafka client property name is a connection setting carried by this record. */
    public static boolean isConnectionSetting(String key) {
        return key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")
                || key.equals("tls-configuration-name");
    }

    /** A new, mutable client configuration: bootstrap servers and security settings, ready for a client's own. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>(security);
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /** {@link #clientProperties()} with a client's own settings on top. */
    public Map<String, Object> clientProperties(Map<String, ?> own) {
        Map<String, Object> properties = clientProperties();
        properties.putAll(own);
        return properties;
    }

    /** The protocol in use, {@code PLAINTEXT} unless configured. */
    public String securityProtocol() {
        return String.valueOf(security.getOrDefault("security.protocol", "PLAINTEXT"));
    }

    /** Names the servers and the protocol; the security settings may hold passwords and are left out. */
    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", " + securityProtocol() + ", settings " + security.keySet() + "]";
    }
}
