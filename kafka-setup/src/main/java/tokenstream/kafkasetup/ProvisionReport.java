package tokenstream.kafkasetup;

import java.util.List;

/**
 * What {@link TopicProvisioner#ensure} found.
 *
 * @param created  topics it created
 * @param existing topics that already existed and were checked
 * @param drift    differences from the wanted settings that it left alone (replication, partitions of topics
 *                 where they do not carry ordering, topic configs an operator may have tuned), one sentence each
 */
public record ProvisionReport(List<String> created, List<String> existing, List<String> drift) {
    public ProvisionReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        drift = List.copyOf(drift);
    }

    /** One line per topic and per drift, for logs and the command line. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        created.forEach(t -> lines.add("created " + t));
        existing.forEach(t -> lines.add("exists  " + t));
        drift.forEach(d -> lines.add("drift   " + d));
        return lines;
    }
}
