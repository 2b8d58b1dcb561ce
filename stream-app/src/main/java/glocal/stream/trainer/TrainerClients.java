package glocal.stream.trainer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
