package tokenstream.kafkalocal;

/**
 * The one broker of a test JVM: started on first use with the default topics, stopped when the JVM
 * exits. Tests that kill or restart it must bring it back before they end.
 */
public final class SharedKafka {
    private static LocalKafka broker;

    private SharedKafka() {
    }

    public static synchronized LocalKafka get() {
        if (broker == null) {
            LocalKafka started = LocalKafka.createTemporary().start();
            try (var admin = started.admin()) {
                TopicPlan.apply(admin, TopicPlan.defaults());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "shared-kafka-stop"));
            broker = started;
        } else if (!broker.isRunning()) {
            broker.start();
        }
        return broker;
    }
}
