package glocal.stream.embeddings;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted topic as a table: every partition from the beginning up to the end offsets
 * taken when the read starts, keeping the latest value per key (a null value, a tombstone, removes
 * the key). Records written after the read starts are not waited for.
 */
public final class CompactedTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private CompactedTopicReader() {}

    public static <V> Map<String, V> readToEnd(
            Map<String, Object> consumerProperties,
            String topic,
            Deserializer<V> values,
            Duration timeout) {
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(consumerProperties, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = partitions(consumer, topic, consumerProperties);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Map<String, V> latest = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "reading "
                                    + topic
                                    + " did not reach its end offsets "
                                    + end
                                    + " within "
                                    + timeout
                                    + "; is the broker at "
                                    + consumerProperties.get("bootstrap.servers")
                                    + " overloaded?");
                }
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
            return latest;
        }
    }

    static List<TopicPartition> partitions(
            KafkaConsumer<?, ?> consumer, String topic, Map<String, Object> consumerProperties) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(
                    "topic "
                            + topic
                            + " does not exist on "
                            + consumerProperties.get("bootstrap.servers")
                            + ": is Glocal's trainer running against this broker (it creates and fills the topic)?");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return end.isEmpty();
    }
}
