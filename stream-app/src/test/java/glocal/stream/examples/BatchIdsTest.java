package glocal.stream.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class BatchIdsTest {

    @Test
    void theIdOfABatchNamesThePartitionOfItsTask() {
        String id = BatchIds.prefix(new TaskId(0, 17)) + 42;
        assertThat(id).isEqualTo("0-17-42");
        assertThat(BatchIds.partition(id)).isEqualTo(17);
    }

    @Test
    void theBatchesOfPartitionPGoToPartitionPOrWrapOnASmallerTopic() {
        BatchPartitioner partitioner = new BatchPartitioner();
        assertThat(partitioner.partitions(null, "0-2-5", null, 4)).contains(Set.of(2));
        assertThat(partitioner.partitions(null, "0-5-0", null, 4)).contains(Set.of(1));
        assertThat(partitioner.partitions(null, "0-3-9", null, 1)).contains(Set.of(0));
    }

    @Test
    void somethingElseIsNotABatchId() {
        assertThatThrownBy(() -> BatchIds.partition("synthetic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'synthetic'");
        assertThatThrownBy(() -> BatchIds.partition("a-b-c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
