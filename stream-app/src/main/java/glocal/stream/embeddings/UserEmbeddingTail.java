package glocal.stream.embeddings;

import glocal.schemas.avro.UserEmbedding;
import glocal.stream.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code user-embeddings}: hands every update to a callback until {@link #stop()} is called
 * (from another thread, e.g. a Ctrl-C hook) or a maximum count is reached. Starts at the current
 * end (only new updates), or at the beginning. A topic that does not exist yet is waited for, so a
 * watcher can start before the trainer has published anything.
 */
public final class UserEmbeddingTail {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);

    private final Map<String, Object> consumerProperties;
    private final Deserializer<UserEmbedding> values;
    private final boolean fromBeginning;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile KafkaConsumer<String, UserEmbedding> consumer;

    public UserEmbeddingTail(
            Map<String, Object> consumerProperties,
            Deserializer<UserEmbedding> values,
            boolean fromBeginning) {
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.values = values;
        this.fromBeginning = fromBeginning;
    }

    /**
     * Blocks, calling {@code onWaiting} once if the topic does not exist yet, then {@code onUpdate}
     * per record; returns how many updates it handed over ({@code max} at most, {@code <= 0}: no
     * limit).
     */
    public long run(
            Consumer<ConsumerRecord<String, UserEmbedding>> onUpdate, Runnable onWaiting, long max)
            throws InterruptedException {
        long seen = 0;
        try (KafkaConsumer<String, UserEmbedding> c =
                new KafkaConsumer<>(consumerProperties, new StringDeserializer(), values)) {
            consumer = c;
            if (stopRequested.getCount() == 0) {
                return 0; // stopped before the consumer existed to be woken up
            }
            List<TopicPartition> partitions = awaitPartitions(c, onWaiting);
            if (partitions.isEmpty()) {
                return 0;
            }
            c.assign(partitions);
            if (fromBeginning) {
                c.seekToBeginning(partitions);
            } else {
                c.seekToEnd(partitions);
            }
            // Resolve the positions now: updates written after run() returns from here are all
            // seen.
            partitions.forEach(c::position);
            while (stopRequested.getCount() > 0 && (max <= 0 || seen < max)) {
                for (ConsumerRecord<String, UserEmbedding> record : c.poll(POLL)) {
                    if (record.value() == null) {
                        continue; // a deleted user: nothing to show
                    }
                    onUpdate.accept(record);
                    if (++seen == max) {
                        break;
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up: a normal end of the tail.
            return seen;
        } finally {
            consumer = null;
        }
        return seen;
    }

    /** Ends {@link #run} soon; safe from any thread and before {@code run} started. */
    public void stop() {
        stopRequested.countDown();
        KafkaConsumer<String, UserEmbedding> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private List<TopicPartition> awaitPartitions(
            KafkaConsumer<String, UserEmbedding> c, Runnable onWaiting)
            throws InterruptedException {
        boolean told = false;
        while (stopRequested.getCount() > 0) {
            List<PartitionInfo> infos = c.partitionsFor(Topics.USER_EMBEDDINGS);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            if (!told) {
                onWaiting.run();
                told = true;
            }
            // Wait for the topic, but return at once when stop() is called.
            stopRequested.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return List.of();
    }
}
