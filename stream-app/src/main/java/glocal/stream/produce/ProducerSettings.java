package glocal.stream.produce;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where and how fast {@code glocal produce} publishes.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param registryUrl schema registry, {@code http(s)://host:port} or {@code mock://scope}
 * @param eventsPerSecond throttle for views; 0 means as fast as the broker takes them
 */
public record ProducerSettings(
        String bootstrapServers, String registryUrl, double eventsPerSecond) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";

    public ProducerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "--bootstrap must name at least one host:port, e.g. " + DEFAULT_BOOTSTRAP);
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "--registry must be a URL, e.g. " + DEFAULT_REGISTRY + " or mock://glocal");
        }
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException(
                    "--rate must be 0 (unthrottled) or a positive number of events/s, got "
                            + eventsPerSecond);
        }
    }

    /**
     * Idempotent (no duplicates on retry, order kept per partition), batched and lz4-compressed:
     * views are small and many, so larger batches with a short linger raise throughput a lot.
     */
    Properties kafkaProperties(String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return props;
    }
}
