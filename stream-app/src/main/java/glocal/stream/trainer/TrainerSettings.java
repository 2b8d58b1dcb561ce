package glocal.stream.trainer;

import glocal.model.train.ModelSpec;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the online trainer runs against Kafka.
 *
 * @param spec              the model to train (used when no checkpoint exists yet)
 * @param weights           TALL adaptive user weights settings
 * @param checkpointDir     where the checkpoint lives; null keeps no checkpoint (a restart starts over)
 * @param checkpointEvery   steps between checkpoints (each holds the consumed offsets)
 * @param publishEvery      steps between publications of changed embeddings, weights and metrics
 * @param publishInterval   publish at least this often while training
 * @param validationWindow  examples per group kept for progressive-validation metrics
 * @param maxPollRecords    batches fetched per poll: bounds the trainer's memory when it lags
 * @param groupId           consumer group the trainer commits its position to (for lag monitoring
 *                          only: the checkpoint's offsets are the source of truth)
 */
public record TrainerSettings(
    ModelSpec spec,
    AdaptiveWeightsConfig weights,
    Path checkpointDir,
    int checkpointEvery,
    int publishEvery,
    Duration publishInterval,
    int validationWindow,
    int maxPollRecords,
    String groupId) {

  public static final String CHECKPOINT_FILE = "trainer.ckpt";

  public TrainerSettings {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(publishInterval, "publishInterval");
    Objects.requireNonNull(groupId, "groupId");
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("trainer checkpoint interval must be >= 1 step, was " + checkpointEvery);
    }
    if (publishEvery < 1) {
      throw new IllegalArgumentException("trainer publish interval must be >= 1 step, was " + publishEvery);
    }
    if (validationWindow < 2) {
      throw new IllegalArgumentException("validation window must be >= 2 examples, was " + validationWindow);
    }
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException("max poll records must be >= 1, was " + maxPollRecords);
    }
  }

  public static TrainerSettings defaults(ModelSpec spec, Path checkpointDir) {
    return new TrainerSettings(spec, AdaptiveWeightsConfig.defaults(), checkpointDir, 50, 20,
        Duration.ofSeconds(5), 20_000, 8, "glocal-trainer");
  }

  public Path checkpointFile() {
    return checkpointDir == null ? null : checkpointDir.resolve(CHECKPOINT_FILE);
  }

  public TrainerSettings withCheckpointEvery(int steps) {
    return new TrainerSettings(spec, weights, checkpointDir, steps, publishEvery, publishInterval,
        validationWindow, maxPollRecords, groupId);
  }

  public TrainerSettings withPublishEvery(int steps) {
    return new TrainerSettings(spec, weights, checkpointDir, checkpointEvery, steps, publishInterval,
        validationWindow, maxPollRecords, groupId);
  }
}
