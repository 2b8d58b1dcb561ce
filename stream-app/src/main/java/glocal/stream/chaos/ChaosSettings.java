package glocal.stream.chaos;

import java.nio.file.Path;
import java.util.Map;

/**
 * A chaos run: {@code events} synthetic views sent at {@code eventsPerSecond} while {@code
 * killsPerService} SIGKILLs hit each of the stream side and the trainer (alternating, spread over
 * the sending time, each process started again at once).
 *
 * @param users users of the synthetic world
 * @param partitions partitions of {@code views} (and of the other topics but training-batches)
 * @param childHeap {@code -Xmx} of each child process
 * @param childSettings {@code glocal.*} settings given to both children on top of the run's own
 *     (for instance a small model for a short test)
 */
public record ChaosSettings(
        long events,
        double eventsPerSecond,
        int killsPerService,
        int users,
        long seed,
        int partitions,
        Path workDir,
        String childHeap,
        Map<String, String> childSettings) {

    public ChaosSettings {
        if (events < 1
                || eventsPerSecond <= 0
                || killsPerService < 0
                || users < 1
                || partitions < 1) {
            throw new IllegalArgumentException(
                    "chaos run needs events >= 1, a rate > 0, kills >= 0, users >= 1 and"
                            + " partitions >= 1; got "
                            + events
                            + ", "
                            + eventsPerSecond
                            + ", "
                            + killsPerService
                            + ", "
                            + users
                            + ", "
                            + partitions);
        }
        childSettings = Map.copyOf(childSettings);
    }

    /** Seconds the views take to send at the configured rate. */
    double sendingSeconds() {
        return events / eventsPerSecond;
    }
}
