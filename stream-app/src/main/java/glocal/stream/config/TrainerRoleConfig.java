package glocal.stream.config;

import glocal.model.weights.AdaptiveWeightsConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of how the trainer runs against Kafka: threads, checkpoints, publication, progressive
 * validation, polling, shadow models and TALL's adaptive user weights (defaults {@link
 * AdaptiveWeightsConfig#defaults()}). The model it trains is {@link ModelRoleConfig}'s. See {@link
 * StreamRoleConfig} for how the roles compose.
 */
public interface TrainerRoleConfig {

    String TRAIN_THREADS_CONFIG = "glocal.train.threads";
    String TRAIN_THREADS_DOC =
            "libtorch intra-op threads of the trainer; on a small shared CPU one thread is fastest (see bench trainer).";
    String TRAINER_CHECKPOINT_DIR_CONFIG = "glocal.trainer.checkpoint.dir";
    String TRAINER_CHECKPOINT_DIR_DOC =
            "Directory of the trainer checkpoint (model, optimizer state, id maps, consumed offsets); empty keeps none.";
    String TRAINER_CHECKPOINT_EVERY_CONFIG = "glocal.trainer.checkpoint.every.steps";
    String TRAINER_CHECKPOINT_EVERY_DOC = "Training steps between checkpoints.";
    String TRAINER_PUBLISH_EVERY_CONFIG = "glocal.trainer.publish.every.steps";
    String TRAINER_PUBLISH_EVERY_DOC =
            "Training steps between publications of changed embeddings, user weights and metrics.";
    String TRAINER_PUBLISH_INTERVAL_MS_CONFIG = "glocal.trainer.publish.interval.ms";
    String TRAINER_PUBLISH_INTERVAL_MS_DOC = "Publish at least this often (ms) while training.";
    String TRAINER_VALIDATION_WINDOW_CONFIG = "glocal.trainer.validation.window";
    String TRAINER_VALIDATION_WINDOW_DOC =
            "Examples per group over which progressive-validation AUC, PR-AUC and log loss are reported.";
    String TRAINER_MAX_POLL_RECORDS_CONFIG = "glocal.trainer.max.poll.records";
    String TRAINER_MAX_POLL_RECORDS_DOC =
            "Training batches fetched at a time: bounds the trainer's memory when training is slower than the stream.";
    String TRAINER_REPLAY_FROM_CONFIG = "glocal.trainer.replay.from";
    String TRAINER_REPLAY_FROM_DOC =
            "Where a trainer without a checkpoint starts on training-batches before following the live stream: earliest (every batch the topic holds), latest (new batches only), an ISO-8601 instant (2026-12-01T00:00:00Z) or duration before the start (P7D). Partitions the checkpoint has an offset for resume from it.";
    String TRAINER_SHADOW_MODELS_CONFIG = "glocal.trainer.shadow.models";
    String TRAINER_SHADOW_MODELS_DOC =
            "Extra models trained on the same batches for comparison only (metrics, never published), e.g. baseline.";
    String TRAINER_GROUP_ENABLED_CONFIG = "glocal.trainer.group.enabled";
    String TRAINER_GROUP_ENABLED_DOC =
            "Experimental: trainers share the partitions of training-batches in one consumer group (<glocal.application.id>-trainer); user rows move with their partition through the trainer-user-rows changelog, outputs, user rows and offsets commit in one transaction. Title rows and the dense model stay per process until model averaging lands, and the checkpoint directory is not used. false: one trainer, all partitions, the checkpoint file.";
    String TRAINER_GROUP_SESSION_TIMEOUT_MS_CONFIG = "glocal.trainer.group.session.timeout.ms";
    String TRAINER_GROUP_SESSION_TIMEOUT_MS_DOC =
            "With glocal.trainer.group.enabled: the group's session timeout and the trainer's transaction timeout, so how long the partitions of a killed trainer wait before another trainer takes them over; the trainer commits at least three times within it.";
    String WEIGHTS_ALPHA_CONFIG = ModelRoleConfig.PREFIX + AdaptiveWeightsConfig.ALPHA;
    String WEIGHTS_ALPHA_DOC =
            "TALL adaptive user weights: temperature; smaller skews weights more toward users whose loss falls slowly.";
    String WEIGHTS_GAP_WINDOWS_CONFIG = ModelRoleConfig.PREFIX + AdaptiveWeightsConfig.GAP_WINDOWS;
    String WEIGHTS_GAP_WINDOWS_DOC =
            "Loss windows at the start during which every user weight stays 1.";
    String WEIGHTS_WINDOW_STEPS_CONFIG =
            ModelRoleConfig.PREFIX + AdaptiveWeightsConfig.WINDOW_STEPS;
    String WEIGHTS_WINDOW_STEPS_DOC =
            "Training steps per loss window of the adaptive user weights.";
    String WEIGHTS_MIN_EXAMPLES_CONFIG =
            ModelRoleConfig.PREFIX + AdaptiveWeightsConfig.MIN_EXAMPLES;
    String WEIGHTS_MIN_EXAMPLES_DOC =
            "Examples a user needs in a loss window for it to count toward their "
                    + "adaptive weight; with fewer, the losses carry over to the next window.";

    /** Declares this role's keys on {@code def}; returns it. */
    static ConfigDef define(ConfigDef def) {
        AdaptiveWeightsConfig weights = AdaptiveWeightsConfig.defaults();
        return def.define(
                        TRAIN_THREADS_CONFIG,
                        Type.INT,
                        1,
                        Range.atLeast(1),
                        Importance.LOW,
                        TRAIN_THREADS_DOC)
                .define(
                        TRAINER_CHECKPOINT_DIR_CONFIG,
                        Type.STRING,
                        "glocal-data/checkpoints",
                        Importance.HIGH,
                        TRAINER_CHECKPOINT_DIR_DOC)
                .define(
                        TRAINER_CHECKPOINT_EVERY_CONFIG,
                        Type.INT,
                        50,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TRAINER_CHECKPOINT_EVERY_DOC)
                .define(
                        TRAINER_PUBLISH_EVERY_CONFIG,
                        Type.INT,
                        20,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TRAINER_PUBLISH_EVERY_DOC)
                .define(
                        TRAINER_PUBLISH_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.atLeast(100),
                        Importance.LOW,
                        TRAINER_PUBLISH_INTERVAL_MS_DOC)
                .define(
                        TRAINER_VALIDATION_WINDOW_CONFIG,
                        Type.INT,
                        20_000,
                        Range.atLeast(2),
                        Importance.LOW,
                        TRAINER_VALIDATION_WINDOW_DOC)
                .define(
                        TRAINER_MAX_POLL_RECORDS_CONFIG,
                        Type.INT,
                        8,
                        Range.atLeast(1),
                        Importance.LOW,
                        TRAINER_MAX_POLL_RECORDS_DOC)
                .define(
                        TRAINER_REPLAY_FROM_CONFIG,
                        Type.STRING,
                        "earliest",
                        new ConfigDef.Validator() {
                            @Override
                            public void ensureValid(String name, Object value) {
                                try {
                                    ReplayStart.parse(name, String.valueOf(value));
                                } catch (IllegalArgumentException e) {
                                    throw new ConfigException(e.getMessage());
                                }
                            }

                            @Override
                            public String toString() {
                                // the valid values column of the config table
                                return "earliest, latest, an ISO-8601 instant or duration";
                            }
                        },
                        Importance.MEDIUM,
                        TRAINER_REPLAY_FROM_DOC)
                .define(
                        TRAINER_SHADOW_MODELS_CONFIG,
                        Type.LIST,
                        "",
                        Importance.LOW,
                        TRAINER_SHADOW_MODELS_DOC)
                .define(
                        TRAINER_GROUP_ENABLED_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        TRAINER_GROUP_ENABLED_DOC)
                .define(
                        TRAINER_GROUP_SESSION_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        30_000,
                        Range.between(6_000, 900_000),
                        Importance.LOW,
                        TRAINER_GROUP_SESSION_TIMEOUT_MS_DOC)
                .define(
                        WEIGHTS_ALPHA_CONFIG,
                        Type.DOUBLE,
                        (double) weights.alpha(),
                        Range.atLeast(0),
                        Importance.LOW,
                        WEIGHTS_ALPHA_DOC)
                .define(
                        WEIGHTS_GAP_WINDOWS_CONFIG,
                        Type.INT,
                        weights.gapWindows(),
                        Range.atLeast(0),
                        Importance.LOW,
                        WEIGHTS_GAP_WINDOWS_DOC)
                .define(
                        WEIGHTS_WINDOW_STEPS_CONFIG,
                        Type.LONG,
                        weights.windowSteps(),
                        Range.atLeast(1),
                        Importance.LOW,
                        WEIGHTS_WINDOW_STEPS_DOC)
                .define(
                        WEIGHTS_MIN_EXAMPLES_CONFIG,
                        Type.INT,
                        weights.minExamples(),
                        Range.atLeast(1),
                        Importance.LOW,
                        WEIGHTS_MIN_EXAMPLES_DOC);
    }

    /**
     * TALL's adaptive user weights with the configured keys (the clip is {@link
     * AdaptiveWeightsConfig#defaults()}'s). Each key is {@code glocal.} followed by the {@link
     * AdaptiveWeightsConfig} key it sets, so a value it rejects fails naming the application's key.
     */
    /** Where a trainer without a checkpoint starts ({@value #TRAINER_REPLAY_FROM_CONFIG}). */
    static ReplayStart replayFrom(AbstractConfig config) {
        return ReplayStart.parse(
                TRAINER_REPLAY_FROM_CONFIG, config.getString(TRAINER_REPLAY_FROM_CONFIG));
    }

    static AdaptiveWeightsConfig weights(AbstractConfig config) {
        AdaptiveWeightsConfig d = AdaptiveWeightsConfig.defaults();
        try {
            return new AdaptiveWeightsConfig(
                    config.getDouble(WEIGHTS_ALPHA_CONFIG).floatValue(),
                    config.getInt(WEIGHTS_GAP_WINDOWS_CONFIG),
                    config.getLong(WEIGHTS_WINDOW_STEPS_CONFIG),
                    d.minWeight(),
                    d.maxWeight(),
                    config.getInt(WEIGHTS_MIN_EXAMPLES_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ModelRoleConfig.PREFIX + e.getMessage());
        }
    }
}
