package glocal.stream.config;

import glocal.model.config.KeyValues;
import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import glocal.model.train.RetrievalLoss;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of the model the trainer learns: architecture, sizes, learning rates, seed, the
 * retrieval loss, the popularity prior, the user history and the exposure head. Each is {@value
 * #PREFIX} followed by the {@link ModelSpec} key it sets, and its default is {@link
 * ModelSpec#defaults}'s, so a spec is written once; the model kinds come from {@link ModelKind}.
 * {@link #modelSpec} turns the typed values into a spec through {@link ModelSpec.Builder}. See
 * {@link StreamRoleConfig} for how the roles compose.
 */
public interface ModelRoleConfig {

    /** What a {@link ModelSpec} key is prefixed with to make the application's key. */
    String PREFIX = "glocal.";

    String MODEL_KIND_CONFIG = PREFIX + ModelSpec.KIND;
    String MODEL_KIND_DOC =
            "Model the trainer learns and publishes: " + Kinds.ids(", ", " or ") + ".";
    String MODEL_EMBEDDING_DIM_CONFIG = PREFIX + ModelSpec.EMBEDDING_DIM;
    String MODEL_EMBEDDING_DIM_DOC = "Width of the user and title embedding rows.";
    String MODEL_OUTPUT_DIM_CONFIG = PREFIX + ModelSpec.OUTPUT_DIM;
    String MODEL_OUTPUT_DIM_DOC =
            "Width of the published user and title vectors (dot-product space).";
    String MODEL_TOWER_HIDDEN_CONFIG = PREFIX + ModelSpec.TOWER_HIDDEN;
    String MODEL_TOWER_HIDDEN_DOC =
            "Hidden layer widths of the user and title towers, e.g. 64 or 128,64.";
    String MODEL_BIASNET_CONFIG = PREFIX + ModelSpec.BIASNET;
    String MODEL_BIASNET_DOC = "Add a biasnet logit fed the territory and activity groups.";
    String TRAIN_LEARNING_RATE_CONFIG = PREFIX + ModelSpec.LEARNING_RATE;
    String TRAIN_LEARNING_RATE_DOC =
            "Adam learning rate of the dense part (towers, heads, experts).";
    String TRAIN_EMBEDDING_LEARNING_RATE_CONFIG = PREFIX + ModelSpec.EMBEDDING_LEARNING_RATE;
    String TRAIN_EMBEDDING_LEARNING_RATE_DOC =
            "Row-wise Adam learning rate of the embedding tables.";
    String TRAIN_SEED_CONFIG = PREFIX + ModelSpec.SEED;
    String TRAIN_SEED_DOC = "Seed of every random initialisation of the model.";
    String TRAIN_LOSS_CONFIG = PREFIX + ModelSpec.LOSS;
    String TRAIN_LOSS_DOC =
            "What trains the retrieval score: "
                    + Losses.ids(", ", " or ")
                    + " (README, Models; softmax-logq with the popularity prior is the setting that"
                    + " ties the territory lists on XMarket).";
    String TRAIN_SOFTMAX_TEMPERATURE_CONFIG = PREFIX + ModelSpec.TEMPERATURE;
    String TRAIN_SOFTMAX_TEMPERATURE_DOC = "Temperature of the in-batch softmax losses.";
    String MODEL_POPULARITY_PRIOR_CONFIG = PREFIX + ModelSpec.POPULARITY_PRIOR;
    String MODEL_POPULARITY_PRIOR_DOC =
            "Add the title's decayed plays in the example's territory and everywhere to the score,"
                    + " with learned weights per territory group (works with softmax-logq).";
    String TRAIN_POPULARITY_HALF_LIFE_MS_CONFIG = PREFIX + ModelSpec.POPULARITY_HALF_LIFE_MS;
    String TRAIN_POPULARITY_HALF_LIFE_MS_DOC =
            "Event-time half-life of the popularity prior's play counts.";
    String MODEL_USER_HISTORY_CONFIG = PREFIX + ModelSpec.USER_HISTORY;
    String MODEL_USER_HISTORY_DOC =
            "Titles of the user's last plays whose mean row enters the user tower (0: none).";
    String MODEL_USER_ROW_CONFIG = PREFIX + ModelSpec.USER_ROW;
    String MODEL_USER_ROW_DOC = "Give each user a free embedding row (false needs a user history).";
    String MODEL_EXPOSURE_HEAD_CONFIG = PREFIX + ModelSpec.EXPOSURE_HEAD;
    String MODEL_EXPOSURE_HEAD_DOC =
            "Add the exposure head: P(play given exposure) from plays and impressions only, with"
                    + " user and title biases and rates; it gives the play probabilities (PR-AUC, AUC), the"
                    + " retrieval score keeps ranking the catalogue.";
    String TRAIN_EXPOSURE_LEARNING_RATE_CONFIG = PREFIX + ModelSpec.EXPOSURE_LEARNING_RATE;
    String TRAIN_EXPOSURE_LEARNING_RATE_DOC =
            "Row-wise Adam learning rate of the exposure head's user and title biases.";
    String TRAIN_EXPOSURE_DENSE_LEARNING_RATE_CONFIG =
            PREFIX + ModelSpec.EXPOSURE_DENSE_LEARNING_RATE;
    String TRAIN_EXPOSURE_DENSE_LEARNING_RATE_DOC =
            "Adam learning rate of the exposure head's MLP.";

    /** Declares this role's keys on {@code def}, with {@link ModelSpec#defaults}; returns it. */
    static ConfigDef define(ConfigDef def) {
        ModelSpec d = ModelSpec.defaults(ModelKind.MTL);
        return def.define(
                        MODEL_KIND_CONFIG,
                        Type.STRING,
                        d.kind().id(),
                        ValidString.in(Kinds.ids()),
                        Importance.HIGH,
                        MODEL_KIND_DOC)
                .define(
                        MODEL_EMBEDDING_DIM_CONFIG,
                        Type.INT,
                        d.embeddingDim(),
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MODEL_EMBEDDING_DIM_DOC)
                .define(
                        MODEL_OUTPUT_DIM_CONFIG,
                        Type.INT,
                        d.outputDim(),
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MODEL_OUTPUT_DIM_DOC)
                .define(
                        MODEL_TOWER_HIDDEN_CONFIG,
                        Type.LIST,
                        Arrays.stream(d.towerHidden()).mapToObj(Integer::toString).toList(),
                        Importance.LOW,
                        MODEL_TOWER_HIDDEN_DOC)
                .define(
                        MODEL_BIASNET_CONFIG,
                        Type.BOOLEAN,
                        d.biasnet(),
                        Importance.LOW,
                        MODEL_BIASNET_DOC)
                .define(
                        TRAIN_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        decimal(d.learningRate()),
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        TRAIN_LEARNING_RATE_DOC)
                .define(
                        TRAIN_EMBEDDING_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        decimal(d.embeddingLearningRate()),
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        TRAIN_EMBEDDING_LEARNING_RATE_DOC)
                .define(TRAIN_SEED_CONFIG, Type.LONG, d.seed(), Importance.LOW, TRAIN_SEED_DOC)
                .define(
                        TRAIN_LOSS_CONFIG,
                        Type.STRING,
                        d.loss().id(),
                        ValidString.in(Losses.ids()),
                        Importance.MEDIUM,
                        TRAIN_LOSS_DOC)
                .define(
                        TRAIN_SOFTMAX_TEMPERATURE_CONFIG,
                        Type.DOUBLE,
                        decimal(d.temperature()),
                        Range.atLeast(0),
                        Importance.LOW,
                        TRAIN_SOFTMAX_TEMPERATURE_DOC)
                .define(
                        MODEL_POPULARITY_PRIOR_CONFIG,
                        Type.BOOLEAN,
                        d.popularityPrior(),
                        Importance.MEDIUM,
                        MODEL_POPULARITY_PRIOR_DOC)
                .define(
                        TRAIN_POPULARITY_HALF_LIFE_MS_CONFIG,
                        Type.LONG,
                        d.popularityHalfLifeMs(),
                        Range.atLeast(1),
                        Importance.LOW,
                        TRAIN_POPULARITY_HALF_LIFE_MS_DOC)
                .define(
                        MODEL_USER_HISTORY_CONFIG,
                        Type.INT,
                        d.userHistory(),
                        Range.between(0, ModelSpec.MAX_USER_HISTORY),
                        Importance.LOW,
                        MODEL_USER_HISTORY_DOC)
                .define(
                        MODEL_USER_ROW_CONFIG,
                        Type.BOOLEAN,
                        d.userRow(),
                        Importance.LOW,
                        MODEL_USER_ROW_DOC)
                .define(
                        MODEL_EXPOSURE_HEAD_CONFIG,
                        Type.BOOLEAN,
                        d.exposureHead(),
                        Importance.LOW,
                        MODEL_EXPOSURE_HEAD_DOC)
                .define(
                        TRAIN_EXPOSURE_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        decimal(d.exposureLearningRate()),
                        Range.atLeast(0),
                        Importance.LOW,
                        TRAIN_EXPOSURE_LEARNING_RATE_DOC)
                .define(
                        TRAIN_EXPOSURE_DENSE_LEARNING_RATE_CONFIG,
                        Type.DOUBLE,
                        decimal(d.exposureDenseLearningRate()),
                        Range.atLeast(0),
                        Importance.LOW,
                        TRAIN_EXPOSURE_DENSE_LEARNING_RATE_DOC);
    }

    /**
     * The spec of {@code kind} with the configured sizes, rates and seed; its territory groups are
     * the stream's {@value StreamRoleConfig#TERRITORY_GROUP_COUNT_CONFIG}, so every example's group
     * has a block. A value the spec rejects fails naming the application's key.
     */
    static ModelSpec modelSpec(AbstractConfig config, String kind) {
        try {
            return ModelSpec.builder(ModelKind.parse(ModelSpec.KIND, kind))
                    .embeddingDim(config.getInt(MODEL_EMBEDDING_DIM_CONFIG))
                    .outputDim(config.getInt(MODEL_OUTPUT_DIM_CONFIG))
                    .towerHidden(
                            KeyValues.integers(
                                    ModelSpec.TOWER_HIDDEN,
                                    String.join(",", config.getList(MODEL_TOWER_HIDDEN_CONFIG))))
                    .biasnet(config.getBoolean(MODEL_BIASNET_CONFIG))
                    .territoryGroups(config.getInt(StreamRoleConfig.TERRITORY_GROUP_COUNT_CONFIG))
                    .learningRate(config.getDouble(TRAIN_LEARNING_RATE_CONFIG).floatValue())
                    .embeddingLearningRate(
                            config.getDouble(TRAIN_EMBEDDING_LEARNING_RATE_CONFIG).floatValue())
                    .seed(config.getLong(TRAIN_SEED_CONFIG))
                    .loss(RetrievalLoss.parse(ModelSpec.LOSS, config.getString(TRAIN_LOSS_CONFIG)))
                    .temperature(config.getDouble(TRAIN_SOFTMAX_TEMPERATURE_CONFIG).floatValue())
                    .popularityPrior(config.getBoolean(MODEL_POPULARITY_PRIOR_CONFIG))
                    .popularityHalfLifeMs(config.getLong(TRAIN_POPULARITY_HALF_LIFE_MS_CONFIG))
                    .userHistory(config.getInt(MODEL_USER_HISTORY_CONFIG))
                    .userRow(config.getBoolean(MODEL_USER_ROW_CONFIG))
                    .exposureHead(config.getBoolean(MODEL_EXPOSURE_HEAD_CONFIG))
                    .exposureLearningRate(
                            config.getDouble(TRAIN_EXPOSURE_LEARNING_RATE_CONFIG).floatValue())
                    .exposureDenseLearningRate(
                            config.getDouble(TRAIN_EXPOSURE_DENSE_LEARNING_RATE_CONFIG)
                                    .floatValue())
                    .build();
        } catch (IllegalArgumentException e) {
            // The spec names its own key (model.*, train.*): the application's key is PREFIX + it.
            throw new ConfigException(PREFIX + e.getMessage());
        }
    }

    /** A float default as the double with the same shortest decimal (1e-3f shows as 0.001). */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** The retrieval losses' ids, in {@link RetrievalLoss} order. */
    final class Losses {
        private Losses() {}

        static String[] ids() {
            return Arrays.stream(RetrievalLoss.values())
                    .map(RetrievalLoss::id)
                    .toArray(String[]::new);
        }

        static String ids(String separator, String last) {
            return Kinds.join(List.of(ids()), separator, last);
        }
    }

    /** The model kinds' ids, in {@link ModelKind} order. */
    final class Kinds {
        private Kinds() {}

        static String[] ids() {
            return Arrays.stream(ModelKind.values()).map(ModelKind::id).toArray(String[]::new);
        }

        static String ids(String separator, String last) {
            return join(List.of(ids()), separator, last);
        }

        static String join(List<String> ids, String separator, String last) {
            return ids.subList(0, ids.size() - 1).stream().collect(Collectors.joining(separator))
                    + last
                    + ids.get(ids.size() - 1);
        }
    }
}
