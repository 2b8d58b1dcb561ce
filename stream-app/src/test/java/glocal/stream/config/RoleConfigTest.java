package glocal.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.UserActivity;
import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import glocal.model.weights.AdaptiveWeightsConfig;
import glocal.stream.query.QuerySettings;
import glocal.stream.trainer.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The four roles compose into the one configuration, and each takes its defaults from one place.
 */
class RoleConfigTest {

    @Test
    void theRolesDeclareEveryKeyOnceAndTogetherAreTheWholeConfiguration() {
        List<String> declared = new ArrayList<>();
        declared.addAll(EndpointsRoleConfig.define(new ConfigDef()).names());
        declared.addAll(StreamRoleConfig.define(new ConfigDef()).names());
        declared.addAll(ModelRoleConfig.define(new ConfigDef()).names());
        declared.addAll(TrainerRoleConfig.define(new ConfigDef()).names());

        assertThat(new HashSet<>(declared)).hasSize(declared.size());
        assertThat(declared)
                .containsExactlyInAnyOrderElementsOf(GlocalStreamsConfig.configDef().names());
        String table = GlocalStreamsConfig.markdownTable();
        for (String key : declared) {
            assertThat(table.split("\\| `" + key.replace(".", "\\.") + "` \\|", -1))
                    .as("table rows of " + key)
                    .hasSize(2);
        }
    }

    @Test
    void theDefaultConfigurationTrainsModelSpecsDefaults() {
        GlocalStreamsConfig config = new GlocalStreamsConfig(Map.of());
        for (ModelKind kind : ModelKind.values()) {
            assertThat(config.modelSpec(kind.id())).isEqualTo(ModelSpec.defaults(kind));
        }
        assertThat(TrainerSettings.from(config).spec())
                .isEqualTo(ModelSpec.defaults(ModelKind.MTL));
        assertThat(TrainerSettings.from(config).weights())
                .isEqualTo(AdaptiveWeightsConfig.defaults());
    }

    @Test
    void theModelKindsAreModelKindsIds() {
        Set<String> valid =
                new HashSet<>(
                        Arrays.asList(
                                GlocalStreamsConfig.configDef()
                                        .configKeys()
                                        .get(GlocalStreamsConfig.MODEL_KIND_CONFIG)
                                        .validator
                                        .toString()
                                        .replaceAll("[\\[\\] ]", "")
                                        .split(",")));
        assertThat(valid)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ModelKind.values()).map(ModelKind::id).toList());
        assertThat(GlocalStreamsConfig.MODEL_KIND_DOC)
                .endsWith("baseline, mtl, shared-bottom, mmoe, cgc or mfh.");
    }

    @Test
    void everyModelKeyIsTheApplicationPrefixAndTheSpecKey() {
        assertThat(
                        List.of(
                                GlocalStreamsConfig.MODEL_KIND_CONFIG,
                                GlocalStreamsConfig.MODEL_EMBEDDING_DIM_CONFIG,
                                GlocalStreamsConfig.TRAIN_LEARNING_RATE_CONFIG,
                                GlocalStreamsConfig.TRAIN_SEED_CONFIG,
                                GlocalStreamsConfig.WEIGHTS_ALPHA_CONFIG))
                .containsExactly(
                        "glocal.model.kind",
                        "glocal.model.embedding.dim",
                        "glocal.train.learning.rate",
                        "glocal.train.seed",
                        "glocal.weights.alpha");
    }

    @Test
    void theLearningKeysReachTheTrainersSpec(@org.junit.jupiter.api.io.TempDir Path dir) {
        GlocalStreamsConfig config =
                new GlocalStreamsConfig(
                        Map.of(
                                "glocal.train.loss", "softmax-logq",
                                "glocal.model.popularity.prior", "true",
                                "glocal.train.popularity.half.life.ms", "86400000",
                                "glocal.train.softmax.temperature", "0.5",
                                "glocal.model.user.history", "20",
                                "glocal.model.user.row", "false",
                                "glocal.model.exposure.head", "true",
                                "glocal.train.exposure.learning.rate", "0.05",
                                "glocal.train.exposure.dense.learning.rate", "0.002"));
        ModelSpec spec = TrainerSettings.from(config).spec();
        assertThat(spec.loss()).isEqualTo(glocal.model.train.RetrievalLoss.SOFTMAX_LOGQ);
        assertThat(spec.popularityPrior()).isTrue();
        assertThat(spec.popularityHalfLifeMs()).isEqualTo(86_400_000L);
        assertThat(spec.temperature()).isEqualTo(0.5f);
        assertThat(spec.userHistory()).isEqualTo(20);
        assertThat(spec.userRow()).isFalse();
        assertThat(spec.exposureHead()).isTrue();
        assertThat(spec.exposureLearningRate()).isEqualTo(0.05f);
        assertThat(spec.exposureDenseLearningRate()).isEqualTo(0.002f);
        assertThatThrownBy(() -> new GlocalStreamsConfig(Map.of("glocal.train.loss", "hinge")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("glocal.train.loss")
                .hasMessageContaining("softmax-logq");
        GlocalStreamsConfig rowless =
                new GlocalStreamsConfig(Map.of("glocal.model.user.row", "false"));
        assertThatThrownBy(() -> TrainerSettings.from(rowless))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("glocal.model.user.row");
        GlocalStreamsConfig stillHead =
                new GlocalStreamsConfig(Map.of("glocal.train.exposure.learning.rate", "0"));
        assertThatThrownBy(() -> TrainerSettings.from(stillHead))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("glocal.train.exposure.learning.rate");
    }

    @Test
    void aModelValueTheSpecRejectsFailsNamingTheApplicationsKey() {
        GlocalStreamsConfig badTower =
                new GlocalStreamsConfig(
                        Map.of(GlocalStreamsConfig.MODEL_TOWER_HIDDEN_CONFIG, "64,x"));
        assertThatThrownBy(() -> TrainerSettings.from(badTower))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(GlocalStreamsConfig.MODEL_TOWER_HIDDEN_CONFIG + " ");
        GlocalStreamsConfig zeroRate =
                new GlocalStreamsConfig(
                        Map.of(GlocalStreamsConfig.TRAIN_EMBEDDING_LEARNING_RATE_CONFIG, "0"));
        assertThatThrownBy(() -> TrainerSettings.from(zeroRate))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        GlocalStreamsConfig.TRAIN_EMBEDDING_LEARNING_RATE_CONFIG + " must be > 0");
        GlocalStreamsConfig badShadow =
                new GlocalStreamsConfig(
                        Map.of(GlocalStreamsConfig.TRAINER_SHADOW_MODELS_CONFIG, "baseline,gpt"));
        assertThatThrownBy(() -> TrainerSettings.shadowSpecs(badShadow))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(GlocalStreamsConfig.MODEL_KIND_CONFIG)
                .hasMessageContaining("'gpt'");
    }

    @Test
    void trainerDefaultsAreTheConfigurationsDefaults(@org.junit.jupiter.api.io.TempDir Path dir) {
        ModelSpec spec = ModelSpec.defaults(ModelKind.BASELINE);
        TrainerSettings fromConfig = TrainerSettings.from(new GlocalStreamsConfig(Map.of()));
        TrainerSettings defaults = TrainerSettings.defaults(spec, dir);
        assertThat(defaults.spec()).isEqualTo(spec);
        assertThat(defaults.checkpointDir()).isEqualTo(dir);
        assertThat(defaults.groupId()).isEqualTo("glocal-trainer");
        assertThat(defaults.checkpointEvery())
                .isEqualTo(fromConfig.checkpointEvery())
                .isEqualTo(50);
        assertThat(defaults.publishEvery()).isEqualTo(fromConfig.publishEvery()).isEqualTo(20);
        assertThat(defaults.publishInterval())
                .isEqualTo(fromConfig.publishInterval())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(defaults.validationWindow())
                .isEqualTo(fromConfig.validationWindow())
                .isEqualTo(20_000);
        assertThat(defaults.maxPollRecords()).isEqualTo(fromConfig.maxPollRecords()).isEqualTo(8);
        assertThat(defaults.weights()).isEqualTo(AdaptiveWeightsConfig.defaults());
    }

    @Test
    void theQueryEndpointGetsTheStreamsActivityRule() {
        GlocalStreamsConfig config =
                new GlocalStreamsConfig(
                        Map.of(
                                GlocalStreamsConfig.ACTIVITY_THRESHOLD_CONFIG, "2",
                                GlocalStreamsConfig.ACTIVITY_HIGH_FROM_CONFIG, "3"));
        assertThat(config.labellingPolicy().activeThreshold()).isEqualTo(2);
        assertThat(config.examplePolicy().labelling()).isEqualTo(config.labellingPolicy());
        ActivityPolicy query = QuerySettings.from(config).activity();
        UserActivity twoPlays =
                query.play(query.play(null, "t1", "US", 1_000L), "t2", "US", 2_000L);
        assertThat(query.isActive(twoPlays, 2_000L)).isTrue();
        ActivityPolicy byDefault = QuerySettings.from(new GlocalStreamsConfig(Map.of())).activity();
        assertThat(byDefault.isActive(twoPlays, 2_000L)).isFalse();
    }
}
