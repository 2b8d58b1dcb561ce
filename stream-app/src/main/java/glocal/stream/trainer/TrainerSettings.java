package glocal.stream.trainer;

import glocal.model.train.ModelSpec;
import glocal.model.weights.AdaptiveWeightsConfig;
import glocal.stream.config.GlocalStreamsConfig;
import glocal.stream.config.ReplayStart;
import glocal.stream.config.TrainerRoleConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
 * @param groupId consumer group the trainer commits its position to (without a group: for lag
 *     monitoring only, the checkpoint's offsets are the source of truth; in a group: the trainers'
 *     group, its offsets committed in their transactions)
 * @param applicationId {@code glocal.application.id} of the stream application whose batches this
 *     trainer trains; other applications' batches on the topic are skipped
 * @param group whether trainers share the partitions in consumer group {@code groupId} ({@code
 *     glocal.trainer.group.enabled}), and its session timeout
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
        String applicationId,
        ReplayStart replayFrom,
        Group group) {

    /**
     * Trainers in one consumer group ({@code glocal.trainer.group.*}).
     *
     * @param enabled false: one trainer assigns every partition and keeps the checkpoint file
     * @param sessionTimeout the group's session timeout, also the transaction timeout
     */
    public record Group(boolean enabled, Duration sessionTimeout) {

        public static final Group OFF = new Group(false, Duration.ofSeconds(30));

        public Group {
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        }
    }

    public static final String CHECKPOINT_FILE = "trainer.ckpt";

    /** The application id of settings made without one: {@code glocal.application.id}'s default. */
    public static final String DEFAULT_APPLICATION_ID = "glocal-streams";

    /**
     * Settings for the default application ({@value #DEFAULT_APPLICATION_ID}), from the earliest
     * batch, not in a group.
     */
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
                DEFAULT_APPLICATION_ID,
                ReplayStart.earliest(),
                Group.OFF);
    }

    public TrainerSettings {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(replayFrom, "replayFrom");
        Objects.requireNonNull(group, "group");
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
        return new TrainerSettings(
                config.modelSpec(config.getString(GlocalStreamsConfig.MODEL_KIND_CONFIG)),
                TrainerRoleConfig.weights(config),
                dir.isBlank() ? null : Path.of(dir),
                config.getInt(GlocalStreamsConfig.TRAINER_CHECKPOINT_EVERY_CONFIG),
                config.getInt(GlocalStreamsConfig.TRAINER_PUBLISH_EVERY_CONFIG),
                Duration.ofMillis(
                        config.getLong(GlocalStreamsConfig.TRAINER_PUBLISH_INTERVAL_MS_CONFIG)),
                config.getInt(GlocalStreamsConfig.TRAINER_VALIDATION_WINDOW_CONFIG),
                config.getInt(GlocalStreamsConfig.TRAINER_MAX_POLL_RECORDS_CONFIG),
                config.getString(GlocalStreamsConfig.APPLICATION_ID_CONFIG) + "-trainer",
                config.getString(GlocalStreamsConfig.APPLICATION_ID_CONFIG),
                TrainerRoleConfig.replayFrom(config),
                new Group(
                        config.getBoolean(TrainerRoleConfig.TRAINER_GROUP_ENABLED_CONFIG),
                        Duration.ofMillis(
                                config.getInt(
                                        TrainerRoleConfig
                                                .TRAINER_GROUP_SESSION_TIMEOUT_MS_CONFIG))));
    }

    /**
     * Specs of the shadow models ({@code glocal.trainer.shadow.models}), trained for comparison
     * only.
     */
    public static List<ModelSpec> shadowSpecs(GlocalStreamsConfig config) {
        return config.getList(GlocalStreamsConfig.TRAINER_SHADOW_MODELS_CONFIG).stream()
                .map(config::modelSpec)
                .toList();
    }

    /**
     * The configuration's default settings ({@link glocal.stream.config.TrainerRoleConfig}) for
     * {@code spec}, checkpointing in {@code checkpointDir}, in consumer group {@code
     * glocal-trainer}.
     */
    public static TrainerSettings defaults(ModelSpec spec, Path checkpointDir) {
        TrainerSettings d = from(new GlocalStreamsConfig(Map.of()));
        return new TrainerSettings(
                spec,
                d.weights,
                checkpointDir,
                d.checkpointEvery,
                d.publishEvery,
                d.publishInterval,
                d.validationWindow,
                d.maxPollRecords,
                "glocal-trainer");
    }

    public Path checkpointFile() {
        return checkpointDir == null ? null : checkpointDir.resolve(CHECKPOINT_FILE);
    }

    public TrainerSettings withGroup(Group g) {
        return with(c -> c.group = g);
    }

    public TrainerSettings withCheckpointEvery(int steps) {
        return with(c -> c.checkpointEvery = steps);
    }

    public TrainerSettings withPublishEvery(int steps) {
        return with(c -> c.publishEvery = steps);
    }

    public TrainerSettings withApplicationId(String id) {
        return with(c -> c.applicationId = id);
    }

    public TrainerSettings withReplayFrom(ReplayStart start) {
        return with(c -> c.replayFrom = start);
    }

    /** These settings with the parts {@code change} sets; validated like any settings. */
    private TrainerSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components of settings, to change before building new ones. */
    private static final class Copy {
        private final ModelSpec spec;
        private final AdaptiveWeightsConfig weights;
        private final Path checkpointDir;
        private int checkpointEvery;
        private int publishEvery;
        private final Duration publishInterval;
        private final int validationWindow;
        private final int maxPollRecords;
        private final String groupId;
        private String applicationId;
        private ReplayStart replayFrom;
        private Group group;

        Copy(TrainerSettings s) {
            spec = s.spec;
            weights = s.weights;
            checkpointDir = s.checkpointDir;
            checkpointEvery = s.checkpointEvery;
            publishEvery = s.publishEvery;
            publishInterval = s.publishInterval;
            validationWindow = s.validationWindow;
            maxPollRecords = s.maxPollRecords;
            groupId = s.groupId;
            applicationId = s.applicationId;
            replayFrom = s.replayFrom;
            group = s.group;
        }

        TrainerSettings build() {
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
                    applicationId,
                    replayFrom,
                    group);
        }
    }
}
