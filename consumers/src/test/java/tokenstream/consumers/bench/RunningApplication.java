package tokenstream.consumers.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.kafkalocal.SharedKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Kafka Streams application running for the whole benchmark, as the consumers service runs its topology: started
 * once, so that what a round measures is the application working off a backlog, not a new one joining its group,
 * opening its stores and compiling the producer and metadata paths it has not run yet.
 */
final class RunningApplication implements AutoCloseable {
    private final String applicationId;
    private final String topic;
    private final KafkaStreams streams;
    private final Admin admin;

    RunningApplication(String bootstrap, String applicationId, String topic, Topology topology, int commitIntervalMs,
                       int streamThreads) throws IOException {
        this.applicationId = applicationId;
        this.topic = topic;
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Path.of("target"), "bench-state").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        // -Dbench.streams.<Kafka Streams setting>=value tries a setting without a rebuild, e.g.
        // -Dbench.streams.main.consumer.max.partition.fetch.bytes=4194304
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.streams."))
                .forEach(name -> props.put(name.substring("bench.streams.".length()), System.getProperty(name)));
        this.streams = new KafkaStreams(topology, props);
        this.admin = SharedKafka.get().admin();
        streams.start();
        StreamsReadiness.awaitRunning(streams, Duration.ofSeconds(90));
    }

    /**
     * Waits until the application has committed {@code ends} (by partition) and returns the {@link System#nanoTime()}
     * at which that was seen: polled every 20 ms, so up to 20 ms late, against the assembly.
     */
    long awaitCommitted(Map<Integer, Long> ends) {
        await("the backlog committed by " + applicationId).atMost(Duration.ofMinutes(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    return ends.entrySet().stream().allMatch(end -> {
                        OffsetAndMetadata offset = committed.get(new TopicPartition(topic, end.getKey()));
                        return offset != null && offset.offset() >= end.getValue();
                    });
                });
        return System.nanoTime();
    }

    /**
     * Stops processing (the application still polls, buffering up to {@code buffered.records.per.partition} records
     * a partition, and commits), so that it does not take the cores from another stage.
     */
    void pause() {
        streams.pause();
    }

    /** Processes again; returns the {@link System#nanoTime()} just before. */
    long resume() {
        long at = System.nanoTime();
        streams.resume();
        return at;
    }

    /** Whether the application is still processing: a failed stream thread would make every later round wait. */
    boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            admin.close();
        }
    }
}
