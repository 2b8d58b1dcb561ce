package glocal.stream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What restoring a Kafka Streams application's stores from scratch reads: the records and bytes
 * (keys and values) in each of its changelog topics, read as a restore reads them (read_committed,
 * from the beginning to the end).
 */
public final class ChangelogSizes {

    /** One store's changelog: every partition together. */
    public record Size(String store, long records, long bytes) {}

    private ChangelogSizes() {}

    /** Every changelog of {@code applicationId}, by store name. */
    public static List<Size> of(String bootstrapServers, String applicationId, Duration timeout)
            throws InterruptedException, ExecutionException {
        String prefix = applicationId + "-";
        String suffix = "-changelog";
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, String> stores = new TreeMap<>();
        try (Admin admin = Admin.create(ap)) {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(prefix) && topic.endsWith(suffix)) {
                    stores.put(
                            topic,
                            topic.substring(prefix.length(), topic.length() - suffix.length()));
                }
            }
        }
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        List<Size> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map.Entry<String, String> e : stores.entrySet()) {
                out.add(read(consumer, e.getKey(), e.getValue(), timeout));
            }
        }
        return out;
    }

    private static Size read(
            KafkaConsumer<byte[], byte[]> consumer, String topic, String store, Duration timeout) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long records = 0;
        long bytes = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "reading changelog " + topic + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                records++;
                bytes +=
                        (r.key() == null ? 0 : r.key().length)
                                + (r.value() == null ? 0 : r.value().length);
            }
        }
        return new Size(store, records, bytes);
    }
}
