package glocal.stream.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state restoration at INFO, one line per store partition when it ends: records read
 * from the changelog (or a global store's source topic) and the time it took. Restarts are slow
 * exactly when this reads a lot, so an operator sees why (and {@code glocal bench restore} reads
 * these lines).
 */
final class RestoreLog implements StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreLog.class);

    private final Map<TopicPartition, Long> startedNanos = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(
            TopicPartition partition, String store, long startingOffset, long endingOffset) {
        startedNanos.put(partition, System.nanoTime());
    }

    @Override
    public void onBatchRestored(
            TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        log.info(
                "restored {} records of {} ({} partition {}) in {} ms",
                totalRestored,
                store,
                partition.topic(),
                partition.partition(),
                elapsedMs(partition));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        log.info(
                "restoring {} ({} partition {}) suspended after {} records in {} ms (the task moved)",
                store,
                partition.topic(),
                partition.partition(),
                totalRestored,
                elapsedMs(partition));
    }

    private long elapsedMs(TopicPartition partition) {
        Long started = startedNanos.remove(partition);
        return started == null ? -1 : (System.nanoTime() - started) / 1_000_000;
    }
}
