package glocal.stream.broker;

import glocal.stream.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic to create on the embedded broker: name, partition count and whether it is log-compacted
 * (latest value per key kept forever, as for tables such as titles and embeddings).
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + ": partitions must be at least 1, got " + partitions);
        }
    }

    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true);
    }

    /**
     * Glocal's own topics ({@link Topics#ALL}): tables compacted, {@code partitions} each; {@code
     * training-batches} too, its partition {@code p} holding the batches of views partition {@code
     * p} (BatchPartitioner).
     */
    public static List<TopicSpec> glocalTopics(int partitions) {
        return Topics.ALL.stream()
                .map(name -> new TopicSpec(name, partitions, Topics.isCompacted(name)))
                .toList();
    }

    /** The single broker only holds one replica of anything. */
    NewTopic toNewTopic() {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
