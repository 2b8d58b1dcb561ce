package glocal.stream.trainer;

import glocal.model.train.ModelSpec;
import glocal.model.weights.AdaptiveWeightsConfig;
import glocal.stream.config.GlocalStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the online trainer runs against Kafka.
 *
 * @param spec the model to train (used when no checkpoint exists yet)
 * @param weights TALL adaptive user weights settings
 * @param checkpointDir where the checkpoint lives; null keeps no checkpoint (a restart starts over)
 * @param checkpointEvery steps between checkpoints (each holds the consumed offsets)
 * @param publishEvery steps between publications of changed embeddings, weights and metrics
 * @param publishInterval publish at least this often while training
 * @param validationWindow examples per group kept for progressive-validation metrics
 * @param maxPollRecords batches fetched per poll: bounds the trainer's memory when it lags
 * @param groupId consumer group the trainer commits its position to (for lag monitoring only: the
 *     checkpoint's offsets are the source of truth)
 * @param applicationId {@code glocal.application.id} of the stream application whose batches this
 *     trainer trains; other applications' batches on the topic are skipped
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
        String groupId,
        String applicationId) {

    public static final String CHECKPOINT_FILE = "trainer.ckpt";

    /** The application id of settings made without one: {@code glocal.application.id}'s default. */
    public static final String DEFAULT_APPLICATION_ID = "glocal-streams";

    /** Settings for the default application ({@value #DEFAULT_APPLICATION_ID}). */
    public TrainerSettings(
            ModelSpec spec,
            AdaptiveWeightsConfig weights,
            Path checkpointDir,
            int checkpointEvery,
            int publishEvery,
            Duration publishInterval,
            int validationWindow,
            int maxPollRecords,
            String groupId) {
        this(
                spec,
                weights,
                checkpointDir,
                checkpointEvery,
                publishEvery,
                publishInterval,
                validationWindow,
                maxPollRecords,
                groupId,
                DEFAULT_APPLICATION_ID);
    }

    public TrainerSettings {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(applicationId, "applicationId");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException(
                    "trainer checkpoint interval must be >= 1 step, was " + checkpointEvery);
        }
        if (publishEvery < 1) {
            throw new IllegalArgumentException(
                    "trainer publish interval must be >= 1 step, was " + publishEvery);
        }
        if (validationWindow < 2) {
            throw new IllegalArgumentException(
                    "validation window must be >= 2 examples, was " + validationWindow);
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException(
                    "max poll records must be >= 1, was " + maxPollRecords);
        }
    }

    /**
     * The trainer's settings from the application configuration (model from {@code
     * glocal.model.kind}).
     */
    public static TrainerSettings from(GlocalStreamsConfig config) {
        String dir = config.getString(GlocalStreamsConfig.TRAINER_CHECKPOINT_DIR_CONFIG);
        AdaptiveWeightsConfig weights;
        try {
            weights =
                    new AdaptiveWeightsConfig(
                            config.getDouble(GlocalStreamsConfig.WEIGHTS_ALPHA_CONFIG).floatValue(),
                            config.getInt(GlocalStreamsConfig.WEIGHTS_GAP_WINDOWS_CONFIG),
                            config.getLong(GlocalStreamsConfig.WEIGHTS_WINDOW_STEPS_CONFIG),
                            AdaptiveWeightsConfig.defaults().minWeight(),
                            AdaptiveWeightsConfig.defaults().maxWeight(),
                            config.getInt(GlocalStreamsConfig.WEIGHTS_MIN_EXAMPLES_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("glocal." + e.getMessage());
        }
        return new TrainerSettings(
                modelSpec(config, config.getString(GlocalStreamsConfig.MODEL_KIND_CONFIG)),
                weights,
                dir.isBlank() ? null : Path.of(dir),
                config.getInt(GlocalStreamsConfig.TRAINER_CHECKPOINT_EVERY_CONFIG),
                config.getInt(GlocalStreamsConfig.TRAINER_PUBLISH_EVERY_CONFIG),
                Duration.ofMillis(
                        config.getLong(GlocalStreamsConfig.TRAINER_PUBLISH_INTERVAL_MS_CONFIG)),
                config.getInt(GlocalStreamsConfig.TRAINER_VALIDATION_WINDOW_CONFIG),
                config.getInt(GlocalStreamsConfig.TRAINER_MAX_POLL_RECORDS_CONFIG),
                config.getString(GlocalStreamsConfig.APPLICATION_ID_CONFIG) + "-trainer",
                config.getString(GlocalStreamsConfig.APPLICATION_ID_CONFIG));
    }

    /**
     * The model spec of {@code kind} with the configured sizes, rates and seed; the territory
     * groups are the stream side's group count, so every example's group has a block.
     */
    public static ModelSpec modelSpec(GlocalStreamsConfig config, String kind) {
        Properties p = new Properties();
        p.setProperty(ModelSpec.KIND, kind);
        p.setProperty(
                ModelSpec.EMBEDDING_DIM,
                String.valueOf(config.getInt(GlocalStreamsConfig.MODEL_EMBEDDING_DIM_CONFIG)));
        p.setProperty(
                ModelSpec.OUTPUT_DIM,
                String.valueOf(config.getInt(GlocalStreamsConfig.MODEL_OUTPUT_DIM_CONFIG)));
        p.setProperty(
                ModelSpec.TOWER_HIDDEN,
                String.join(",", config.getList(GlocalStreamsConfig.MODEL_TOWER_HIDDEN_CONFIG)));
        p.setProperty(
                ModelSpec.BIASNET,
                String.valueOf(config.getBoolean(GlocalStreamsConfig.MODEL_BIASNET_CONFIG)));
        p.setProperty(
                ModelSpec.TERRITORY_GROUPS,
                String.valueOf(config.getInt(GlocalStreamsConfig.TERRITORY_GROUP_COUNT_CONFIG)));
        p.setProperty(
                ModelSpec.LEARNING_RATE,
                String.valueOf(config.getDouble(GlocalStreamsConfig.TRAIN_LEARNING_RATE_CONFIG)));
        p.setProperty(
                ModelSpec.EMBEDDING_LEARNING_RATE,
                String.valueOf(
                        config.getDouble(
                                GlocalStreamsConfig.TRAIN_EMBEDDING_LEARNING_RATE_CONFIG)));
        p.setProperty(
                ModelSpec.SEED,
                String.valueOf(config.getLong(GlocalStreamsConfig.TRAIN_SEED_CONFIG)));
        try {
            return ModelSpec.fromProperties(p);
        } catch (IllegalArgumentException e) {
            // ModelSpec names its own key (model.*, train.*); the application key is that name
            // under glocal.
            throw new ConfigException("glocal." + e.getMessage());
        }
    }

    /**
     * Specs of the shadow models ({@code glocal.trainer.shadow.models}), trained for comparison
     * only.
     */
    public static List<ModelSpec> shadowSpecs(GlocalStreamsConfig config) {
        return config.getList(GlocalStreamsConfig.TRAINER_SHADOW_MODELS_CONFIG).stream()
                .map(kind -> modelSpec(config, kind))
                .toList();
    }

    public static TrainerSettings defaults(ModelSpec spec, Path checkpointDir) {
        return new TrainerSettings(
                spec,
                AdaptiveWeightsConfig.defaults(),
                checkpointDir,
                50,
                20,
                Duration.ofSeconds(5),
                20_000,
                8,
                "glocal-trainer");
    }

    public Path checkpointFile() {
        return checkpointDir == null ? null : checkpointDir.resolve(CHECKPOINT_FILE);
    }

    public TrainerSettings withCheckpointEvery(int steps) {
        return new TrainerSettings(
                spec,
                weights,
                checkpointDir,
                steps,
                publishEvery,
                publishInterval,
                validationWindow,
                maxPollRecords,
                groupId,
                applicationId);
    }

    public TrainerSettings withPublishEvery(int steps) {
        return new TrainerSettings(
                spec,
                weights,
                checkpointDir,
                checkpointEvery,
                steps,
                publishInterval,
                validationWindow,
                maxPollRecords,
                groupId,
                applicationId);
    }

    public TrainerSettings withApplicationId(String id) {
        return new TrainerSettings(
                spec,
                weights,
                checkpointDir,
                checkpointEvery,
                publishEvery,
                publishInterval,
                validationWindow,
                maxPollRecords,
                groupId,
                id);
    }
}
