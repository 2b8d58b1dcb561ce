package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoPlayEmbeddingTest {

    /**
     * Three disjoint clusters of titles (users play 2-4 titles of one cluster), and two titles x
     * and y that every user who plays one plays with the other (with titles of cluster a).
     */
    private static List<List<String>> clusteredWindows(long seed) {
        Random random = new Random(seed);
        String[] clusters = {"a", "b", "c"};
        int[] sizes = {6, 8, 11};
        List<List<String>> windows = new ArrayList<>();
        for (int u = 0; u < 3000; u++) {
            int c = random.nextInt(3);
            List<String> w = new ArrayList<>();
            int plays = 2 + random.nextInt(3);
            for (int p = 0; p < plays; p++) {
                w.add(clusters[c] + random.nextInt(sizes[c]));
            }
            if (c == 0 && random.nextInt(4) == 0) {
                w.add("x");
                w.add("y");
            }
            windows.add(w);
        }
        windows.add(List.of("lonely")); // played by one user, with nothing else
        return windows;
    }

    private static double cosine(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }

    @Test
    void alwaysCoPlayedTitlesGetNearIdenticalVectorsAndUnrelatedOnesNearOrthogonal() {
        CoPlayEmbedding e = CoPlayEmbedding.fit(clusteredWindows(7), 6, 7);
        Map<String, float[]> v = e.vectors();
        assertThat(e.dim()).isEqualTo(6);
        assertThat(cosine(v.get("x"), v.get("y"))).isGreaterThan(0.95);
        for (String a : List.of("a0", "a3", "x")) {
            for (String b : List.of("b1", "b5", "c0", "c9")) {
                assertThat(Math.abs(cosine(v.get(a), v.get(b)))).as(a + " vs " + b).isLessThan(0.1);
            }
        }
        // Within a cluster the titles are alike (every title is co-played with every other).
        assertThat(cosine(v.get("c2"), v.get("c7"))).isGreaterThan(0.5);
        for (float[] vector : v.values()) {
            double norm = 0;
            for (float f : vector) {
                norm += f * f;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(v).doesNotContainKey("lonely");
        assertThat(e.vector("lonely")).containsOnly(0f);
    }

    @Test
    void theSameWindowsAndSeedGiveTheSameVectors() {
        Map<String, float[]> a = CoPlayEmbedding.fit(clusteredWindows(3), 8, 11).vectors();
        Map<String, float[]> b = CoPlayEmbedding.fit(clusteredWindows(3), 8, 11).vectors();
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((t, vector) -> assertThat(b.get(t)).containsExactly(vector));
    }

    private static List<View> views() {
        Random random = new Random(5);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int u = random.nextInt(300);
            int cluster = u % 3;
            String title = "t" + cluster + "_" + random.nextInt(15);
            views.add(
                    new View(
                            "e" + i,
                            "u" + u,
                            title,
                            u % 2 == 0 ? "US" : "FR",
                            1_000_000L + i * 1000L,
                            ViewType.PLAY,
                            0.9f,
                            true,
                            false));
        }
        return views;
    }

    private static Map<String, float[]> coPlay(List<View> views) {
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                128,
                                LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(3))
                        .fromViews(views);
        return CoPlayEmbedding.fromTraining(data, 8, 1).vectors();
    }

    private static View withTitle(View v, String title) {
        return new View(
                v.eventId(),
                v.userId(),
                title,
                v.territory(),
                v.eventTimeMs(),
                v.type(),
                v.watchRatio(),
                v.finished(),
                v.skipped());
    }

    @Test
    void aTestPeriodViewCannotChangeItButATrainingViewDoes() {
        List<View> views = views();
        Map<String, float[]> before = coPlay(views);

        // The last views are in the test period (the last 20% by event time): give them titles of
        // another cluster, and a title never seen in training.
        List<View> changedTest = new ArrayList<>(views);
        for (int i = views.size() - 50; i < views.size(); i++) {
            changedTest.set(i, withTitle(views.get(i), i % 2 == 0 ? "t0_1" : "new"));
        }
        Map<String, float[]> afterTest = coPlay(changedTest);
        assertThat(afterTest.keySet()).isEqualTo(before.keySet());
        before.forEach((t, v) -> assertThat(afterTest.get(t)).as(t).containsExactly(v));

        // The same change in the training period does change it (the check can fail).
        List<View> changedTrain = new ArrayList<>(views);
        for (int i = 0; i < 50; i++) {
            changedTrain.set(i, withTitle(views.get(i), i % 2 == 0 ? "t0_1" : "new"));
        }
        Map<String, float[]> afterTrain = coPlay(changedTrain);
        assertThat(afterTrain).containsKey("new");
        assertThat(afterTrain.get("t0_1")).isNotEqualTo(before.get("t0_1"));
    }

    @Test
    void theEvaluationKeysSetTheContentWidthAndAreCheckedByName() {
        ModelVariant content = ModelVariant.parse("mtl:title.coplay=16", 4, 1);
        assertThat(content.coPlayDim()).isEqualTo(16);
        assertThat(content.spec().contentDim()).isEqualTo(16);
        assertThat(content.coPlayInit()).isFalse();
        assertThat(content.name()).isEqualTo("mtl:title.coplay=16");

        ModelVariant init = ModelVariant.parse("mtl:title.coplay.init=true", 4, 1);
        assertThat(init.coPlayInit()).isTrue();
        assertThat(init.coPlayDim()).isZero();
        assertThat(init.spec().contentDim()).isZero();

        assertThat(ModelVariant.parse("coplay-knn", 4, 1).coPlayDim()).isEqualTo(32);
        assertThat(ModelVariant.parse("coplay-knn", 4, 1).coPlayKnn()).isTrue();
        assertThat(ModelVariant.parse("coplay-knn:title.coplay=8", 4, 1).coPlayDim()).isEqualTo(8);
        assertThat(ModelVariant.parse("mtl", 4, 1).coPlayKnn()).isFalse();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ModelVariant.parse("mtl:title.coplay=0", 4, 1))
                .hasMessageContaining("title.coplay");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ModelVariant.parse("mtl:title.coplay.init=yes", 4, 1))
                .hasMessageContaining("title.coplay.init");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ModelVariant.parse("mtl:title.coplay=8:model.content.dim=4", 4, 1))
                .hasMessageContaining("differently");
    }

    @Test
    void anInitialRowIsWhatAnUnseenIdsRowStartsFromAndASeenRowKeepsItsValues() {
        glocal.model.embedding.EmbeddingTable table =
                new glocal.model.embedding.EmbeddingTable(
                        "titles", 3, glocal.model.embedding.IdMapConfig.unbounded(), 1L, 0.1f);
        int seen = table.observe(new String[] {"seen"}, 1, 0)[0];
        float[] seenBefore = table.row(seen);
        table.setInitialRow("fresh", new float[] {0.5f, -0.25f, 1f});
        table.setInitialRow("seen", new float[] {9f, 9f, 9f});
        int fresh = table.observe(new String[] {"fresh"}, 1, 1)[0];
        assertThat(table.row(fresh)).containsExactly(0.5f, -0.25f, 1f);
        assertThat(table.row(seen)).containsExactly(seenBefore);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> table.setInitialRow("x", new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModelWithCoPlayContentRanksDifferentlyFromOneWithout() {
        SyntheticWorld world = new SyntheticWorld(EvaluationPresets.preset("tiny"), 9);
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                256,
                                LabellingPolicy.defaults().withNegativesPerPositive(2).withSeed(9))
                        .synthetic(world, 12_000);
        Evaluator evaluator = new Evaluator(200, (m, b) -> {}, (m, d, t) -> {});
        List<MetricRow> rows =
                evaluator.run(
                        data,
                        List.of(
                                ModelVariant.parse("mtl", 4, 9),
                                ModelVariant.parse("mtl:title.coplay=8", 4, 9),
                                ModelVariant.parse("coplay-knn:title.coplay=8", 4, 9)),
                        9);
        Map<String, Double> ndcg = new java.util.HashMap<>();
        Map<String, Double> auc = new java.util.HashMap<>();
        for (MetricRow r : rows) {
            if (r.group().equals(glocal.model.metrics.GroupedBinaryMetrics.ALL)) {
                if (r.metric().equals(Evaluator.NDCG)) {
                    ndcg.put(r.model(), r.value());
                }
                if (r.metric().equals(Evaluator.TEST_AUC)) {
                    auc.put(r.model(), r.value());
                }
            }
        }
        assertThat(auc.get("mtl:title.coplay=8")).isNotEqualTo(auc.get("mtl"));
        // The co-play vectors alone carry signal: the item-item ranking beats chance (AUC 0.5).
        assertThat(auc.get("coplay-knn:title.coplay=8")).isGreaterThan(0.5);
        assertThat(ndcg.get("coplay-knn:title.coplay=8")).isGreaterThan(0.0);
    }
}
