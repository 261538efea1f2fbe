import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the suite's topics on the local broker before any service starts, as an operator creates them on a
 * production cluster (where topics are seldom created on first use): three partitions each, records keyed by subject.
 * Topics that exist are left alone.
 *
 * Run: java -cp "LIBS/*" tools/kafka-broker/Topics.java BOOTSTRAP TOPIC... (JDK 17 runs a single source file)
 */
public class Topics {

    public static void main(String[] args) throws Exception {
        List<String> wanted = Arrays.asList(args).subList(1, args.length);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, 3, (short) 1));
                }
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            System.out.println("      topics: " + missing.size() + " created, " + (wanted.size() - missing.size())
                    + " there already");
        }
    }
}
