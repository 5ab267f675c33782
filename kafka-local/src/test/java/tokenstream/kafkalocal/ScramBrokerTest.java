package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A broker whose clients must authenticate with SASL/SCRAM-SHA-256. */
class ScramBrokerTest {
    private static final LocalKafka.Scram ADMIN = new LocalKafka.Scram("admin", "admin-secret-3b7e");
    @TempDir
    static Path dataDir;
    private static LocalKafka broker;

    @BeforeAll
    static void start() {
        broker = LocalKafka.createWithScram(0, dataDir, ADMIN).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aClientWithTheScramCredentialWritesARecord() throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("scram.test", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> config = new HashMap<>(ADMIN.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            var written = producer.send(new ProducerRecord<>("scram.test", "k", "v")).get(20, TimeUnit.SECONDS);
            assertEquals(0, written.offset());
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(new LocalKafka.Scram("admin", "wrong-password").clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            var failure = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, failure.getCause());
        }
    }
}
