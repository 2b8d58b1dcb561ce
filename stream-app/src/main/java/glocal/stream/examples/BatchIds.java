package glocal.stream.examples;

import org.apache.kafka.streams.processor.TaskId;

/**
 * Training-batch ids, {@code <subtopology>-<partition>-<sequence>}: the stream task that wrote the
 * batch (its views partition) and the task's own count of batches, so an id is unique per
 * application and the same after a replay. The one place that writes and reads them.
 */
public final class BatchIds {

    private BatchIds() {}

    /** The prefix of every batch id of {@code task}; append the sequence number. */
    public static String prefix(TaskId task) {
        return task.subtopology() + "-" + task.partition() + "-";
    }

    /**
     * The views partition whose task wrote the batch {@code id}.
     *
     * @throws IllegalArgumentException when {@code id} is not a batch id
     */
    public static int partition(String id) {
        int first = id.indexOf('-');
        int second = first < 0 ? -1 : id.indexOf('-', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException(
                    "not a training-batch id (<subtopology>-<partition>-<sequence>): '" + id + "'");
        }
        try {
            return Integer.parseInt(id, first + 1, second, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not a training-batch id (<subtopology>-<partition>-<sequence>): '" + id + "'",
                    e);
        }
    }
}
