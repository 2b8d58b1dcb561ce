package glocal.stream.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;

/**
 * What the embedded broker asks of itself through Kafka's {@link Admin} client, as any client
 * would: whether its node is registered and unfenced yet, and creating the topics that are missing.
 */
final class BrokerAdmin {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private BrokerAdmin() {}

    /**
     * Creates the topics that do not exist yet and waits until they are created. Returns the names
     * it created.
     */
    static List<String> createMissingTopics(String bootstrap, List<TopicSpec> topics) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.toNewTopic());
                }
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not create topics "
                            + topics
                            + " on "
                            + bootstrap
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The broker answers metadata requests before the controller unfences it; waits for both, for
     * node {@code nodeId}.
     */
    static void awaitUnfenced(String bootstrap, int nodeId) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin(bootstrap)) {
            while (true) {
                try {
                    Node node =
                            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                                    .filter(n -> n.id() == nodeId)
                                    .findFirst()
                                    .orElse(null);
                    if (node != null && !node.isFenced()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not listening yet: the loop retries until the deadline below.
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "broker at "
                                        + bootstrap
                                        + " did not answer within "
                                        + READY_TIMEOUT,
                                e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "broker at " + bootstrap + " was not unfenced within " + READY_TIMEOUT);
                }
                // Poll interval while the controller registers and unfences the broker.
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the broker at " + bootstrap, e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "glocal-embedded-broker-admin");
        return Admin.create(props);
    }
}
