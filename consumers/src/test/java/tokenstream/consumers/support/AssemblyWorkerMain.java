package tokenstream.consumers.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import tokenstream.consumers.assembly.AssemblySettings;
import tokenstream.consumers.errors.DeadLetterDeserializationHandler;
import tokenstream.consumers.errors.DeadLetterProcessingHandler;
import tokenstream.consumers.errors.DeadLetterProductionHandler;
import tokenstream.kafkasetup.TopicLayout;
import tokenstream.consumers.assembly.ResponseTopology;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The response-assembly topology in a JVM of its own, with plain Kafka Streams and the same guarantees as the
 * service, so that a test can SIGKILL it: {@code bootstrap application-id state-dir chunks responses dead-letter
 * stats}. Prints {@value #RUNNING} once it owns its partitions.
 */
public final class AssemblyWorkerMain {
    public static final String RUNNING = "ASSEMBLY-WORKER-RUNNING";

    private AssemblyWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Static membership: the restarted worker takes over its predecessor's partitions at once instead of
        // waiting for the killed member's session to expire.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), args[1] + "-worker");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        // As in application.properties: room for the largest audit record, and every failure dead-lettered.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), TopicLayout.AUDIT_MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), TopicLayout.AUDIT_MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        props.put("tokenstream.dead-letter.topic", args[5]);
        AssemblySettings settings = AssemblySettings.of(args[3], args[4], args[5], args[6]);
        KafkaStreams streams = new KafkaStreams(ResponseTopology.build(settings), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
                System.out.flush();
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        streams.start();
        stopped.await();
        System.exit(1);
    }
}
