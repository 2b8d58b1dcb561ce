package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

    @Test
    void propertiesRoundTrip() {
        ModelSpec spec =
                ModelSpec.defaults(ModelKind.CGC)
                        .with(
                                ModelSpec.LEVELS,
                                "2",
                                ModelSpec.HEAD_HIDDEN,
                                "32,16",
                                ModelSpec.BIASNET,
                                "true",
                                ModelSpec.USER_MIN_COUNT,
                                "3",
                                ModelSpec.TITLE_EVICT_AFTER,
                                "5000");
        ModelSpec again = ModelSpec.fromProperties(spec.toProperties());
        assertThat(again).isEqualTo(spec);
        assertThat(again.headHidden()).containsExactly(32, 16);
        assertThat(again.users().minCount()).isEqualTo(3);
        assertThat(again.titles().evictAfterSteps()).isEqualTo(5000);
    }

    @Test
    void missingKeysTakeTheDefaultsOfMtl() {
        ModelSpec spec = ModelSpec.fromProperties(new Properties());
        assertThat(spec.kind()).isEqualTo(ModelKind.MTL);
        assertThat(spec.embeddingDim()).isEqualTo(64);
        assertThat(spec.territoryGroups()).isEqualTo(4);
        assertThat(spec.tasks()).isEqualTo(4);
    }

    @Test
    void tasksFollowTheKind() {
        assertThat(ModelSpec.defaults(ModelKind.BASELINE).tasks()).isEqualTo(1);
        ModelSpec mfh = ModelSpec.defaults(ModelKind.MFH);
        assertThat(mfh.tasks()).isEqualTo(12);
        assertThat(mfh.task(2, 1)).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({
        "model.kind, nonsense, 'baseline, mtl'",
        "model.embedding.dim, sixty, integer",
        "model.embedding.dim, 0, '>= 1'",
        "model.territory.groups, -2, '>= 1'",
        "model.tower.hidden, '64,x', comma-separated",
        "model.biasnet, yes, true or false",
        "train.learning.rate, 0, learning rate",
        "train.embedding.learning.rate, -1, '> 0'",
        "ids.user.min.count, 0, ids.user",
        "ids.title.max.rows, 0, ids.title",
        "model.content.dim, -1, '>= 0'"
    })
    void badValueIsRejectedNamingTheKey(String key, String value, String hint) {
        Properties p = new Properties();
        p.setProperty(key, value);
        assertThatThrownBy(() -> ModelSpec.fromProperties(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        key.startsWith("ids.") ? key.substring(0, key.indexOf('.', 4)) : key)
                .hasMessageContaining(hint);
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndToBuilderFromTheSpec() {
        for (ModelKind kind : ModelKind.values()) {
            assertThat(ModelSpec.builder(kind).build()).isEqualTo(ModelSpec.defaults(kind));
        }
        ModelSpec spec =
                ModelSpec.builder(ModelKind.MFH)
                        .embeddingDim(16)
                        .towerHidden(new int[] {32, 16})
                        .territoryGroups(3)
                        .learningRate(0.5f)
                        .seed(7L)
                        .build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.withKind(ModelKind.CGC).kind()).isEqualTo(ModelKind.CGC);
        assertThat(spec.withKind(ModelKind.CGC).towerHidden()).containsExactly(32, 16);
        assertThat(spec.withSeed(8L))
                .isEqualTo(spec.toBuilder().seed(8L).build())
                .isNotEqualTo(spec);
        assertThat(ModelSpec.fromProperties(spec.toProperties())).isEqualTo(spec);
    }

    @Test
    void theDefaultActivityGroupsAreTheActivityGroups() {
        assertThat(ModelSpec.defaults(ModelKind.MFH).activityGroups())
                .isEqualTo(glocal.model.labelling.ActivityGroup.values().length);
    }

    @Test
    void theBuilderValidatesLikeTheConstructor() {
        assertThatThrownBy(() -> ModelSpec.builder(ModelKind.MTL).embeddingDim(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ModelSpec.EMBEDDING_DIM);
        assertThatThrownBy(() -> ModelSpec.builder(ModelKind.MTL).esmm(true).build())
                .hasMessageContaining(ModelSpec.HEADS);
    }
}
