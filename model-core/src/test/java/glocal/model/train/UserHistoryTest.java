package glocal.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import glocal.model.batch.ExampleBatch;
import glocal.model.batch.ExampleKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bag-of-watches user input of {@code model.user.history}. */
class UserHistoryTest {

    @TempDir Path dir;

    private static ModelSpec spec(String history) {
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
                        // the vectors' dot product alone (the prior's term: ExportedScoreTest)
                        ModelSpec.POPULARITY_PRIOR,
                        "false",
                        ModelSpec.USER_HISTORY,
                        history);
    }

    private static List<ExampleBatch> batches(long seed, int count) {
        TinyWorld world = new TinyWorld(seed, 60, 25, 4);
        List<ExampleBatch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(world.nextBatch(64));
        }
        return out;
    }

    @Test
    void aBatchSeesTheHistoriesFromBeforeItAndThenAppendsItsPlaysKeepingTheLastH() {
        List<ExampleBatch> batches = batches(5, 2);
        ExampleBatch first = batches.get(0);
        try (OnlineTrainer t = new OnlineTrainer(spec("3"), Device.cpu())) {
            assertThat(t.history().users()).isZero();
            t.step(first);
            for (String user : Arrays.stream(first.userIds()).distinct().toList()) {
                List<String> plays = new ArrayList<>();
                for (int i = 0; i < first.size(); i++) {
                    if (first.userIds()[i].equals(user) && first.play()[i] > 0.5f) {
                        plays.add(first.titleIds()[i]);
                    }
                }
                List<String> last3 = plays.subList(Math.max(0, plays.size() - 3), plays.size());
                assertThat(t.history().titles(user)).as(user).containsExactlyElementsOf(last3);
            }
        }
    }

    @Test
    void theHistoryChangesTrainingAndItsTitleRowsLearnFromIt() {
        List<ExampleBatch> batches = batches(6, 20);
        List<Float> without = new ArrayList<>();
        List<Float> with = new ArrayList<>();
        try (OnlineTrainer off = new OnlineTrainer(spec("0"), Device.cpu());
                OnlineTrainer on = new OnlineTrainer(spec("20"), Device.cpu())) {
            for (ExampleBatch b : batches) {
                without.add(off.step(b).loss());
                with.add(on.step(b).loss());
            }
            assertThat(off.history().users()).isZero();
            assertThat(on.history().users()).isPositive();
        }
        // The first batch has no history yet: both trainers take exactly the same first step.
        assertThat(with.get(0)).isEqualTo(without.get(0));
        assertThat(with.subList(1, with.size())).isNotEqualTo(without.subList(1, without.size()));
    }

    /**
     * A published user vector (with its history in) scores titles by the plain dot product with the
     * published title vectors (priors included), as the trainer's own top-K does.
     */
    @Test
    void exportedUserVectorsIncludeTheHistoryAndAgreeWithTopK() {
        ModelSpec spec = spec("20").with(ModelSpec.TITLE_PRIORS, "true");
        List<ExampleBatch> batches = batches(7, 15);
        try (OnlineTrainer t = new OnlineTrainer(spec, Device.cpu())) {
            for (ExampleBatch b : batches) {
                t.step(b);
            }
            List<String> userIds =
                    batches.stream()
                            .flatMap(b -> Arrays.stream(b.userIds()))
                            .distinct()
                            .collect(Collectors.toList());
            List<String> titleIds =
                    batches.stream()
                            .flatMap(b -> Arrays.stream(b.titleIds()))
                            .distinct()
                            .collect(Collectors.toList());
            List<TitleVector> titles = t.exportTitles(titleIds);
            for (UserVector u : t.exportUsers(userIds)) {
                // Exported in chunks and one by one: the same vector up to float rounding.
                assertThat(u.vector())
                        .containsExactly(
                                t.userEmbedding(u.userId(), u.territoryGroup()), within(1e-6f));
                List<ScoredTitle> top = t.topK(u.userId(), u.territoryGroup(), 5);
                List<ScoredTitle> byDot =
                        titles.stream()
                                .map(v -> new ScoredTitle(v.titleId(), dot(u.vector(), v.vector())))
                                .sorted(Comparator.comparingDouble(ScoredTitle::score).reversed())
                                .limit(5)
                                .toList();
                assertThat(top).hasSize(5);
                for (int i = 0; i < 5; i++) {
                    assertThat(top.get(i).titleId()).isEqualTo(byDot.get(i).titleId());
                    assertThat(top.get(i).score()).isCloseTo(byDot.get(i).score(), within(1e-4f));
                }
            }
            // The history is in the published vector: it moves when only the history changes.
            String user = userIds.get(0);
            int group = t.homeTerritoryGroup(user);
            float[] before = t.userEmbedding(user, group);
            t.history().record(playOnly(user, titleIds.get(titleIds.size() - 1), group));
            assertThat(t.userEmbedding(user, group)).isNotEqualTo(before);
        }
    }

    @Test
    void historiesTravelInTheCheckpointAndTrainingResumesExactly() throws IOException {
        ModelSpec spec = spec("20").with(ModelSpec.POPULARITY_PRIOR, "true");
        List<ExampleBatch> batches = batches(8, 30);
        Path file = dir.resolve("history.ckpt");
        List<Float> uninterrupted = new ArrayList<>();
        List<ScoredTitle> rankedAfter;
        String user = batches.get(29).userIds()[0];
        int group = batches.get(29).territoryGroups()[0];
        try (OnlineTrainer t = new OnlineTrainer(spec, Device.cpu())) {
            for (int i = 0; i < 30; i++) {
                if (i == 20) {
                    Checkpoint.save(t, null, Map.of(), file);
                }
                float loss = t.step(batches.get(i)).loss();
                if (i >= 20) {
                    uninterrupted.add(loss);
                }
            }
            rankedAfter = t.topK(user, group, 10);
        }
        try (OnlineTrainer t = Checkpoint.restore(file, Device.cpu()).trainer()) {
            assertThat(t.spec().userHistory()).isEqualTo(20);
            List<Float> resumed = new ArrayList<>();
            for (int i = 20; i < 30; i++) {
                resumed.add(t.step(batches.get(i)).loss());
            }
            assertThat(resumed).containsExactlyElementsOf(uninterrupted);
            assertThat(t.topK(user, group, 10)).isEqualTo(rankedAfter);
        }
    }

    @Test
    void aHistoryLengthOutsideItsRangeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> spec("-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ModelSpec.USER_HISTORY);
        assertThatThrownBy(() -> spec(Integer.toString(ModelSpec.MAX_USER_HISTORY + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ModelSpec.USER_HISTORY);
        assertThat(ModelSpec.defaults(ModelKind.MTL).userHistory()).isZero();
    }

    @Test
    void mergedRowGradientsSumPerDistinctRow() {
        UserHistory.Merged m =
                UserHistory.merge(
                        new int[] {4, 7},
                        2,
                        new float[] {1, 2, 3, 4},
                        new int[] {7, 9},
                        2,
                        new float[] {10, 20, 30, 40},
                        2);
        assertThat(m.rows()).containsExactly(4, 7, 9);
        assertThat(m.grad()).containsExactly(1, 2, 13, 24, 30, 40);
    }

    private static ExampleBatch playOnly(String user, String title, int group) {
        return ExampleBatch.builder("history-test")
                .add(user, title, "T" + group, group, 0, ExampleKind.PLAY, 1f, 1f, 0L)
                .build();
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
