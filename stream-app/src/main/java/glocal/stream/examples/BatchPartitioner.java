package glocal.stream.examples;

import glocal.schemas.avro.TrainingBatch;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends the batches of the stream task of views partition {@code p} to partition {@code p} of
 * {@code training-batches}, so all the examples of a user (views are keyed by user) land on one
 * partition and a trainer that owns a partition owns its users. On a topic with fewer partitions
 * than {@code views} (one created by an earlier release with a single partition) it wraps, {@code p
 * mod n}: batches still reach a trainer, users are no longer confined to one partition.
 */
public final class BatchPartitioner implements StreamPartitioner<String, TrainingBatch> {

    @Override
    public Optional<Set<Integer>> partitions(
            String topic, String batchId, TrainingBatch batch, int numPartitions) {
        return Optional.of(Set.of(BatchIds.partition(batchId) % numPartitions));
    }
}
