package glocal.stream.trainer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The trainer's Kafka clients, from the client properties it shares between them. */
final class TrainerClients {

    private TrainerClients() {}

    /**
     * A read_committed consumer that never commits on its own (the checkpoint holds the offsets)
     * and fetches at most {@code maxPollRecords} batches at a time.
     */
    static KafkaConsumer<String, byte[]> consumer(
            Map<String, Object> kafka, TrainerSettings settings) {
        Map<String, Object> consumerProps = new HashMap<>(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(
                consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The consumer of a trainer in a group ({@code glocal.trainer.group.enabled}): as {@link
     * #consumer}, with cooperative-sticky assignment (a rebalance moves only the partitions that
     * change owner; the others keep training) and the group's session timeout.
     */
    static KafkaConsumer<String, byte[]> groupConsumer(
            Map<String, Object> kafka, TrainerSettings settings) {
        Map<String, Object> props = new HashMap<>(kafka);
        int session = (int) settings.group().sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(1_000, session / 5));
        props.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        return consumer(props, settings);
    }

    /**
     * A group-less read_committed consumer that reads {@code trainer-user-rows} partitions to their
     * end when a trainer takes them over.
     */
    static KafkaConsumer<String, byte[]> restoreConsumer(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A transactional producer for a trainer in a group: its outputs, its user-row changelog and
     * its consumed offsets commit together. The id is new at every start (the group's generation
     * fences a trainer that lost its partitions, KIP-447); a killed trainer's open transaction is
     * aborted by the broker after the transaction timeout, the group's session timeout.
     */
    static KafkaProducer<String, byte[]> transactionalProducer(
            Map<String, Object> kafka, TrainerSettings settings) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                settings.groupId() + "-" + java.util.UUID.randomUUID());
        props.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) settings.group().sessionTimeout().toMillis());
        return producer(props);
    }

    /** An idempotent producer for the trainer's outputs. */
    static KafkaProducer<String, byte[]> producer(Map<String, Object> kafka) {
        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // No compression: float vectors barely compress, and consumers in other languages must not
        // need a codec plugin (KafkaJS, for one, cannot read LZ4 or Snappy without one).
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return new KafkaProducer<>(
                producerProps, new StringSerializer(), new ByteArraySerializer());
    }
}
