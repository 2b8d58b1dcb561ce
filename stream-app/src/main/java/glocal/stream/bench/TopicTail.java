package glocal.stream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic from its beginning on a thread of its own, as a downstream consumer would
 * (read_committed: records of aborted transactions stay invisible), handing each record and the
 * time it arrived (System.nanoTime()) to a callback until closed.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public TopicTail(
            String bootstrapServers,
            String topic,
            BiConsumer<Long, ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread =
                new Thread(
                        () -> {
                            try {
                                List<TopicPartition> partitions =
                                        consumer
                                                .partitionsFor(topic, Duration.ofSeconds(60))
                                                .stream()
                                                .map(p -> new TopicPartition(topic, p.partition()))
                                                .toList();
                                consumer.assign(partitions);
                                consumer.seekToBeginning(partitions);
                                while (running) {
                                    for (ConsumerRecord<String, byte[]> r :
                                            consumer.poll(Duration.ofMillis(200))) {
                                        each.accept(System.nanoTime(), r);
                                    }
                                }
                            } catch (WakeupException closing) {
                                // close() woke the poll: done
                            } catch (RuntimeException e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                consumer.close();
                            }
                        },
                        "glocal-tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** The tail's error, or null while it follows the topic. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
