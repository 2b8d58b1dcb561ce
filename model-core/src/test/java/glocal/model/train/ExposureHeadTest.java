package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposure head ({@code model.exposure.head}): it leaves the retrieval score and top-K exactly
 * as without it, learns only from plays and impressions, learns engagement biases, and travels in
 * checkpoints.
 */
class ExposureHeadTest {

    @TempDir Path dir;

    private static ModelSpec spec(boolean head) {
        return ModelSpec.defaults(ModelKind.MTL)
                .with(
                        ModelSpec.EMBEDDING_DIM,
                        "16",
                        ModelSpec.OUTPUT_DIM,
                        "16",
                        ModelSpec.TOWER_HIDDEN,
                        "16",
                        ModelSpec.LOSS,
                        "softmax-logq",
                        ModelSpec.POPULARITY_PRIOR,
                        "true",
                        ModelSpec.TITLE_PRIORS,
                        "true",
                        ModelSpec.EXPOSURE_HEAD,
                        Boolean.toString(head),
                        ModelSpec.EXPOSURE_HIDDEN,
                        "8");
    }

    private static List<ExampleBatch> batches(long seed, int count) {
        TinyWorld world = new TinyWorld(seed, 120, 40, 4);
        List<ExampleBatch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(world.nextBatch(64));
        }
        return out;
    }

    @Test
    void theRetrievalScoreAndTopKAreExactlyThoseWithoutTheHead() {
        List<ExampleBatch> batches = batches(5, 25);
        try (OnlineTrainer plain = new OnlineTrainer(spec(false), Device.cpu());
                OnlineTrainer headed = new OnlineTrainer(spec(true), Device.cpu())) {
            float[] plainScores = null;
            float[] headScores = null;
            for (ExampleBatch b : batches) {
                StepResult p = plain.step(b);
                StepResult h = headed.step(b);
                assertThat(h.loss()).as("retrieval loss of " + b.batchId()).isEqualTo(p.loss());
                plainScores = p.scores();
                headScores = h.scores();
            }
            for (int u = 0; u < 120; u += 17) {
                assertThat(headed.topK("u" + u, u % 4, 10))
                        .as("top-K of u" + u)
                        .isEqualTo(plain.topK("u" + u, u % 4, 10));
            }
            assertThat(headed.titleEmbedding("t3")).isEqualTo(plain.titleEmbedding("t3"));
            assertThat(headed.denseParameterCount())
                    .as("the head's MLP: (3 x 16 + 2 rates + 1 score) x 8 + 8, then 8 + 1")
                    .isEqualTo(plain.denseParameterCount() + (3 * 16 + 3) * 8 + 8 + 8 + 1);
            // The scores of pairs are the head's, not the retrieval score's.
            assertThat(headScores).isNotEqualTo(plainScores);
            assertThat(headed.score(batches.get(0))).isNotEqualTo(plain.score(batches.get(0)));
        }
    }

    @Test
    void sampledNegativesGiveTheHeadNoLoss() {
        ExampleBatch negatives =
                ExampleBatch.builder("negatives")
                        .add("u1", "t1", "T0", 0, 0, ExampleKind.NEGATIVE, 0f, 1f, 1L)
                        .add("u2", "t2", "T0", 0, 0, ExampleKind.NEGATIVE, 0f, 1f, 2L)
                        .add("u1", "t3", "T0", 0, 0, ExampleKind.PLAY, 1f, 1f, 3L)
                        .build();
        try (OnlineTrainer t = new OnlineTrainer(spec(true), Device.cpu())) {
            assertThat(t.step(negatives).applied()).isTrue();
            int[] users = t.users().lookup(new String[] {"u1", "u2"}, 2);
            int[] titles = t.titles().lookup(new String[] {"t1", "t2", "t3"}, 3);
            // u2 and t1, t2 were seen only in negatives: their biases did not move; u1 and t3
            // were in a play and moved up.
            float[] userBias = t.users().gatherBias(users, 2);
            float[] titleBias = t.titles().gatherBias(titles, 3);
            assertThat(userBias[1]).isZero();
            assertThat(titleBias[0]).isZero();
            assertThat(titleBias[1]).isZero();
            assertThat(userBias[0]).isPositive();
            assertThat(titleBias[2]).isPositive();
        }
    }

    @Test
    void theHeadLearnsAUsersEngagementAmongExposures() {
        // "fan" plays every title shown, "critic" none; both are shown the same titles.
        try (OnlineTrainer t = new OnlineTrainer(spec(true), Device.cpu())) {
            for (int step = 0; step < 100; step++) {
                ExampleBatch.Builder b = ExampleBatch.builder("b" + step);
                for (int title = 0; title < 8; title++) {
                    String id = "t" + ((step * 8 + title) % 30);
                    b.add("fan", id, "T0", 0, 0, ExampleKind.PLAY, 1f, 1f, step);
                    b.add("critic", id, "T0", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, step);
                }
                t.step(b.build());
            }
            ExampleBatch probe =
                    ExampleBatch.builder("probe")
                            .add("fan", "t31", "T0", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 99L)
                            .add("critic", "t31", "T0", 0, 0, ExampleKind.IMPRESSION, 0f, 1f, 99L)
                            .build();
            float[] p = t.score(probe);
            assertThat(p[0]).as("fan").isGreaterThan(0.9f);
            assertThat(p[1]).as("critic").isLessThan(0.1f);
        }
    }

    @Test
    void theHeadResumesExactlyFromACheckpoint() throws IOException {
        List<ExampleBatch> batches = batches(9, 30);
        Path file = dir.resolve("exposure.ckpt");
        float[] uninterrupted;
        try (OnlineTrainer t = new OnlineTrainer(spec(true), Device.cpu())) {
            for (int i = 0; i < 30; i++) {
                if (i == 20) {
                    Checkpoint.save(t, null, Map.of(), file);
                }
                t.step(batches.get(i));
            }
            uninterrupted = t.score(batches.get(0));
        }
        try (OnlineTrainer t = Checkpoint.restore(file, Device.cpu()).trainer()) {
            assertThat(t.spec()).isEqualTo(spec(true));
            for (int i = 20; i < 30; i++) {
                t.step(batches.get(i));
            }
            assertThat(t.score(batches.get(0))).containsExactly(uninterrupted);
        }
    }

    @Test
    void theHeadsKeysRoundTripAndBadValuesNameTheKey() {
        ModelSpec spec =
                spec(true)
                        .with(
                                ModelSpec.EXPOSURE_LEARNING_RATE,
                                "0.2",
                                ModelSpec.EXPOSURE_DENSE_LEARNING_RATE,
                                "0.004",
                                ModelSpec.EXPOSURE_HIDDEN,
                                "32,8");
        ModelSpec again = ModelSpec.fromProperties(spec.toProperties());
        assertThat(again).isEqualTo(spec);
        assertThat(again.exposureHead()).isTrue();
        assertThat(again.exposureLearningRate()).isEqualTo(0.2f);
        assertThat(again.exposureDenseLearningRate()).isEqualTo(0.004f);
        assertThat(again.exposureHidden()).containsExactly(32, 8);
        ModelSpec d = ModelSpec.defaults(ModelKind.MTL);
        assertThat(d.exposureHead()).isFalse();
        assertThat(d.exposureHidden()).isEmpty();
        for (String[] bad :
                Arrays.asList(
                        new String[] {ModelSpec.EXPOSURE_LEARNING_RATE, "0", "> 0"},
                        new String[] {ModelSpec.EXPOSURE_DENSE_LEARNING_RATE, "NaN", "> 0"},
                        new String[] {ModelSpec.EXPOSURE_HIDDEN, "8,0", ">= 1"},
                        new String[] {ModelSpec.EXPOSURE_HEAD, "yes", "true or false"})) {
            assertThatThrownBy(() -> d.with(bad[0], bad[1]))
                    .as(bad[0] + "=" + bad[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[0])
                    .hasMessageContaining(bad[2]);
        }
    }
}
