package tokenstream.kafkasetup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Creates the topics that are missing and checks the ones that exist. Idempotent, and safe to run from several
 * service instances at once: a topic another instance created meanwhile is checked like any existing one.
 *
 * <p>It never changes an existing topic: a changed partition count of a topic whose ordering depends on it is
 * refused ({@link PartitionCountMismatchException}); any other difference is reported as drift.
 */
public final class TopicProvisioner {
    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Ensures the pipeline's topics for {@code settings}. */
    public ProvisionReport ensure(TopicSettings settings) {
        return ensure(TopicLayout.of(settings));
    }

    /** Ensures the given topics. */
    public ProvisionReport ensure(List<TopicSpec> specs) {
        Set<String> present = await(admin.listTopics().names(), "list topics");
        List<String> created = new ArrayList<>();
        List<TopicSpec> toCheck = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (present.contains(spec.name())) {
                toCheck.add(spec);
            } else if (create(spec)) {
                created.add(spec.name());
            } else {
                toCheck.add(spec);
            }
        }
        List<String> drift = new ArrayList<>();
        for (TopicSpec spec : toCheck) {
            drift.addAll(check(spec));
        }
        return new ProvisionReport(created, toCheck.stream().map(TopicSpec::name).toList(), drift);
    }

    /** Specs for topics given as {@link NewTopic}s; none has a fixed partition count. */
    public static List<TopicSpec> specsOf(List<NewTopic> topics) {
        return topics.stream().map(t -> new TopicSpec(t.name(), t.numPartitions(), t.replicationFactor(),
                t.configs() == null ? Map.of() : t.configs(), false)).toList();
    }

    /** True if created, false if another client created it first. */
    private boolean create(TopicSpec spec) {
        try {
            admin.createTopics(List.of(spec.toNewTopic())).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof InvalidReplicationFactorException) {
                throw new IllegalStateException("cannot create topic " + spec.name() + " with replication factor "
                        + spec.replicationFactor() + ": " + e.getCause().getMessage()
                        + " (tokenstream.topics.replication-factor must not exceed the number of brokers)", e.getCause());
            }
            throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable("create topic " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private List<String> check(TopicSpec spec) {
        TopicDescription description = whileUnknown(() -> await(admin.describeTopics(List.of(spec.name())).allTopicNames(),
                "describe topic " + spec.name()).get(spec.name()));
        int partitions = description.partitions().size();
        if (partitions != spec.partitions() && spec.fixedPartitions()) {
            throw new PartitionCountMismatchException(spec.name(), partitions, spec.partitions());
        }
        List<String> drift = new ArrayList<>();
        if (partitions != spec.partitions()) {
            drift.add(spec.name() + " has " + partitions + " partitions, configured " + spec.partitions());
        }
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas != spec.replicationFactor()) {
            drift.add(spec.name() + " has replication factor " + replicas + ", configured " + spec.replicationFactor());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config config = whileUnknown(() -> await(admin.describeConfigs(List.of(resource)).all(),
                "describe configs of " + spec.name()).get(resource));
        Map<String, String> actual = new LinkedHashMap<>();
        for (ConfigEntry entry : config.entries()) {
            actual.put(entry.name(), entry.value());
        }
        spec.configs().forEach((name, wanted) -> {
            String value = actual.get(name);
            if (!wanted.equals(value)) {
                drift.add(spec.name() + " has " + name + "=" + value + ", configured " + wanted);
            }
        });
        return drift;
    }

    /**
     * Retries {@code read} while Kafka does not know the topic yet: when services start together on a new cluster,
     * one creates a topic and another, told it exists, may ask a broker whose metadata does not have it yet.
     */
    private <T> T whileUnknown(Supplier<T> read) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return read.get();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private IllegalStateException unreachable(String what, Exception cause) {
        return new IllegalStateException("cannot " + what + ": no answer from Kafka within " + timeout
                + " (is kafka.bootstrap.servers right and the cluster up?)", cause);
    }
}
