package glocal.stream.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * A pipeline benchmark: {@code events} live synthetic views sent at {@code eventsPerSecond} (0: as
 * fast as the producer can) through {@code glocal streams} and {@code trainers} {@code glocal
 * trainer} processes.
 *
 * @param trainers trainer processes; only 1 today (see {@link #ONE_TRAINER_ONLY})
 * @param users users of the synthetic world
 * @param partitions partitions of {@code views} (and of the other topics)
 * @param warmUpShare share of the views sent before the sustained part begins
 * @param childHeap {@code -Xmx} of each child process
 * @param childSettings {@code glocal.*} settings given to every child on top of the run's own
 */
public record PipelineSettings(
        long events,
        double eventsPerSecond,
        int trainers,
        int users,
        long seed,
        int partitions,
        double warmUpShare,
        Path workDir,
        String childHeap,
        Map<String, String> childSettings) {

    /** Why {@code --trainers} must be 1 for now. */
    public static final String ONE_TRAINER_ONLY =
            "only 1 trainer for now: trainers can share training-batches in one consumer group"
                    + " (glocal.trainer.group.enabled, experimental), but until model averaging"
                    + " lands each trains its own title rows and dense model, so the figures of"
                    + " several would not be those of one model; averaging (multi-trainer"
                    + " training of one model) is not built yet";

    public PipelineSettings {
        if (trainers != 1) {
            throw new IllegalArgumentException("--trainers " + trainers + ": " + ONE_TRAINER_ONLY);
        }
        if (events < 1
                || eventsPerSecond < 0
                || users < 1
                || partitions < 1
                || !(warmUpShare >= 0 && warmUpShare < 1)) {
            throw new IllegalArgumentException(
                    "pipeline bench needs events >= 1, a rate >= 0, users >= 1, partitions >= 1"
                            + " and a warm-up share in [0, 1); got "
                            + events
                            + ", "
                            + eventsPerSecond
                            + ", "
                            + users
                            + ", "
                            + partitions
                            + ", "
                            + warmUpShare);
        }
        childSettings = Map.copyOf(childSettings);
    }
}
