package glocal.stream.embeddings;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer settings for reading the embedding topics from outside the trainer: partitions are
 * assigned, not subscribed, so a look-up joins no consumer group and commits nothing; only
 * committed records are read, as the trainer may publish in transactions.
 */
public final class EmbeddingClients {

    private EmbeddingClients() {}

    public static Map<String, Object> consumerProperties(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // A command-line look-up: fail within seconds when the broker is not there, not after a
        // minute.
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return props;
    }
}
