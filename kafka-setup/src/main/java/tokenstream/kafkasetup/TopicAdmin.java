package tokenstream.kafkasetup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Operators' command: create or check the pipeline's topics before (or instead of) letting the services do it.
 * See {@link TopicAdminOptions#USAGE} and docs/operations.md.
 */
public final class TopicAdmin {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int PARTITION_MISMATCH = 2;
    static final int USAGE = 64;

    private TopicAdmin() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command and returns its exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        TopicAdminOptions options;
        try {
            options = TopicAdminOptions.parse(args);
            if (options.help()) {
                out.println(TopicAdminOptions.USAGE);
                return OK;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try (Admin admin = Admin.create(options.connection().clientProperties(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis())))) {
            ProvisionReport report = new TopicProvisioner(admin, options.timeout()).ensure(options.settings());
            report.lines().forEach(out::println);
            return OK;
        } catch (PartitionCountMismatchException e) {
            err.println(e.getMessage());
            return PARTITION_MISMATCH;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }
}
