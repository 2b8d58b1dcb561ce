package glocal.stream.trainer;

import glocal.stream.Topics;
import glocal.stream.config.ReplayStart;
import glocal.stream.config.TrainerRoleConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's side of {@code training-batches}: assigns every partition, seeks to the offsets of
 * the checkpoint (the beginning where it has none), and keeps the next offset of each partition as
 * batches are consumed. Those offsets go into the next checkpoint; the group offsets it commits are
 * for lag monitoring only. In a trainer group ({@link #subscribe}) the group assigns the partitions
 * and the offsets commit in the trainer's transaction instead.
 */
final class TrainingInput implements AutoCloseable {

    // The trainer's log lines keep the logger they always had.
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);

    /** close() was called while the trainer still waited for its input topic. */
    static final class StoppedWhileWaiting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedWhileWaiting() {
            super(null, null, false, false);
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final BooleanSupplier running;
    private final ReplayStart replayFrom;
    private final Clock clock;
    private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();

    /**
     * @param from the next offset of each partition (from the checkpoint)
     * @param replayFrom where a partition without one starts
     * @param running false once the trainer is closed: waiting for the topic then ends
     */
    TrainingInput(
            Consumer<String, byte[]> consumer,
            Map<TopicPartition, Long> from,
            ReplayStart replayFrom,
            Clock clock,
            BooleanSupplier running) {
        this.consumer = consumer;
        this.running = running;
        this.replayFrom = replayFrom;
        this.clock = clock;
        this.nextOffsets.putAll(from);
    }

    /**
     * Waits for the topic, then assigns all its partitions at their next offsets.
     *
     * @throws StoppedWhileWaiting if the trainer was closed first
     */
    void assignAndSeek() {
        List<PartitionInfo> infos = waitForTopic();
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = nextOffsets.get(tp);
            if (next != null) {
                consumer.seek(tp, next);
            } else {
                fresh.add(tp);
            }
        }
        if (!fresh.isEmpty()) {
            replay(fresh);
        }
    }

    /**
     * Waits for the topic, then joins the trainers' consumer group ({@code
     * glocal.trainer.group.enabled}): the group hands out the partitions, {@code listener} hears of
     * every change.
     *
     * @throws StoppedWhileWaiting if the trainer was closed first
     */
    void subscribe(ConsumerRebalanceListener listener) {
        waitForTopic();
        consumer.subscribe(List.of(Topics.TRAINING_BATCHES), listener);
    }

    /**
     * For partitions just assigned by the group: reads their committed offsets (waiting until no
     * transaction of a former owner is pending on them) and seeks those without one to {@link
     * #replayFrom}; the others resume from the group's committed offset.
     */
    void resumeAssigned(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(120));
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata at = committed.get(tp);
            if (at == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        if (!fresh.isEmpty()) {
            replay(fresh);
        }
    }

    /** The partition went to another trainer: its offset is no longer this trainer's to commit. */
    void forget(TopicPartition tp) {
        nextOffsets.remove(tp);
    }

    /** The next offsets of the partitions consumed from, for the transaction's offset commit. */
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        nextOffsets.forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next)));
        return commit;
    }

    /** The group's metadata, which fences the commits of a trainer that lost its partitions. */
    ConsumerGroupMetadata groupMetadata() {
        return consumer.groupMetadata();
    }

    /** Seeks the partitions the checkpoint has no offset for to {@link #replayFrom}. */
    private void replay(List<TopicPartition> fresh) {
        Instant at = replayFrom.timestamp(clock);
        if (replayFrom instanceof ReplayStart.Latest) {
            consumer.seekToEnd(fresh);
        } else if (at == null) {
            consumer.seekToBeginning(fresh);
        } else {
            Map<TopicPartition, Long> query = new HashMap<>();
            fresh.forEach(tp -> query.put(tp, at.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found =
                    consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            for (TopicPartition tp : fresh) {
                OffsetAndTimestamp o = found.get(tp);
                if (o == null) {
                    consumer.seekToEnd(List.of(tp)); // nothing written since: follow from now
                } else {
                    consumer.seek(tp, o.offset());
                }
            }
        }
        log.info(
                "{} partition(s) of {} without a checkpoint offset start from {} ({})",
                fresh.size(),
                Topics.TRAINING_BATCHES,
                at == null
                        ? replayFrom.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                        : at,
                TrainerRoleConfig.TRAINER_REPLAY_FROM_CONFIG);
    }

    private List<PartitionInfo> waitForTopic() {
        while (running.getAsBoolean()) {
            try {
                List<PartitionInfo> infos =
                        consumer.partitionsFor(Topics.TRAINING_BATCHES, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos;
                }
                log.info("waiting for topic {} to exist", Topics.TRAINING_BATCHES);
            } catch (TimeoutException slowMetadata) {
                // A busy or just-started broker: the metadata request timed out; ask again.
                log.info(
                        "no metadata for {} yet ({}); asking again",
                        Topics.TRAINING_BATCHES,
                        slowMetadata.getMessage());
            }
        }
        throw new StoppedWhileWaiting();
    }

    /** The next batches, waiting at most 200 ms so the loop sees close() soon. */
    ConsumerRecords<String, byte[]> poll() {
        return consumer.poll(Duration.ofMillis(200));
    }

    /** The record is done with (trained, rejected or passed over): its partition moves past it. */
    void consumed(ConsumerRecord<String, byte[]> record) {
        nextOffsets.put(
                new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }

    /** The next offset of each partition consumed from, in first-seen order. */
    Map<TopicPartition, Long> nextOffsets() {
        return Collections.unmodifiableMap(nextOffsets);
    }

    /** Commits the next offsets to the consumer group (for lag monitoring only). */
    void commitForMonitoring() {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        nextOffsets.forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next)));
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
    }

    /** Batches on the assigned partitions not consumed yet (partitions without a lag left out). */
    long totalLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            var l = consumer.currentLag(tp);
            if (l.isPresent()) {
                total += l.getAsLong();
            }
        }
        return total;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
