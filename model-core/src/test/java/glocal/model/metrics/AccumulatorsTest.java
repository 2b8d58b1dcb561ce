package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccumulatorsTest {

    private static final double EPS = 1e-9;

    @Test
    void groupedBinaryMetricsReportEachGroupAndTheTotal() {
        GroupedBinaryMetrics m = new GroupedBinaryMetrics();
        double[] s = {0.1, 0.4, 0.35, 0.8};
        int[] l = {0, 0, 1, 1};
        for (int i = 0; i < s.length; i++) {
            m.add("G1", s[i], l[i]);
        }
        m.add("G2", 0.6, 1);
        m.add("G2", 0.7, 1);

        GroupedBinaryMetrics.Summary g1 = m.summary("G1");
        assertThat(g1.examples()).isEqualTo(4);
        assertThat(g1.auc()).isCloseTo(0.75, within(EPS));
        assertThat(g1.averagePrecision()).isCloseTo(5.0 / 6, within(EPS));
        assertThat(m.summary("G2").auc()).isNaN();
        // All: negatives 0.1, 0.4; positive 0.35 beats one, 0.6, 0.7, 0.8 beat both → 7/8.
        assertThat(m.summary(GroupedBinaryMetrics.ALL).auc()).isCloseTo(0.875, within(EPS));
        assertThat(m.summaries())
                .extracting(GroupedBinaryMetrics.Summary::group)
                .containsExactly("G1", "G2", "all");
        assertThatThrownBy(() -> m.summary("G3")).hasMessageContaining("'G3'");
    }

    @Test
    void slidingWindowAucMatchesHandValuesAndForgetsOldExamples() {
        SlidingWindowAuc w = new SlidingWindowAuc(4, 10);
        w.add(0.1, false);
        w.add(0.4, false);
        assertThat(w.auc()).isNaN();
        w.add(0.35, true);
        w.add(0.8, true);
        assertThat(w.auc()).isCloseTo(0.75, within(EPS));
        // Evicts (0.1, −): negatives {0.4}; positives 0.35 (below), 0.8 (above), 0.05 (below) →
        // 1/3.
        w.add(0.05, true);
        assertThat(w.size()).isEqualTo(4);
        assertThat(w.auc()).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void slidingWindowAucCountsSameBinPairsAsTies() {
        SlidingWindowAuc w = new SlidingWindowAuc(10, 2);
        w.add(0.1, false);
        w.add(0.2, true);
        assertThat(w.auc()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void slidingWindowAucWithFineBinsIsCloseToExactAuc() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20_000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        SlidingWindowAuc w = new SlidingWindowAuc(n, 1_000);
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextDouble() < 0.3 ? 1 : 0;
            scores[i] = 1 / (1 + Math.exp(-(labels[i] * 1.2 - 0.5 + rng.nextGaussian())));
            w.add(scores[i], labels[i] == 1);
        }
        double exact = BinaryMetrics.auc(scores, labels);
        // Measured: exact 0.79985, binned 0.79985 (difference 1.1e-6).
        assertThat(exact).isBetween(0.7, 0.9);
        assertThat(w.auc()).isCloseTo(exact, within(0.001));
    }

    @Test
    void topKEvaluatorReportsHandComputedValuesPerGroup() {
        Popularity<String> pop = Popularity.of(Map.of("a", 6L, "b", 3L, "c", 1L));
        TopKEvaluator<String> e =
                new TopKEvaluator<>(
                        2,
                        pop,
                        pop.longTail(0.8),
                        (item, t) ->
                                item.equals("b") && t.equals("BR")
                                        || item.equals("c") && t.equals("PT"),
                        5);
        e.add("BR", List.of("user=mainstream"), List.of("a", "b", "e"), Set.of("b"));
        e.add("PT", List.of("user=niche"), List.of("c", "d"), Set.of("d", "e"));
        e.add("PT", List.of("user=niche"), List.of("a", "c"), Set.of());

        TopKEvaluator.GroupReport all = e.report(TopKEvaluator.ALL);
        assertThat(all.users()).isEqualTo(3);
        assertThat(all.usersWithRelevant()).isEqualTo(2);
        assertThat(all.relevantItems()).isEqualTo(3);
        // NDCG: user 1 = 1/log2(3) / 1 = 0.6309298; user 2 = 0.6309298 / 1.6309298 = 0.3868528.
        assertThat(all.ndcg()).isCloseTo((0.6309297536 + 0.3868528072) / 2, within(EPS));
        assertThat(all.recall()).isCloseTo(0.75, within(EPS));
        // ARP: (0.6+0.3)/2, (0.1+0)/2, (0.6+0.1)/2 → 0.85/3.
        assertThat(all.averagePopularity()).isCloseTo(0.85 / 3, within(EPS));
        assertThat(all.longTailShare()).isCloseTo(2.0 / 6, within(EPS));
        assertThat(all.localShare()).isCloseTo(3.0 / 6, within(EPS));
        assertThat(all.coverage()).isCloseTo(4.0 / 5, within(EPS));
        // Exposure over 5 titles sorted [0,1,1,2,2]: Σ(2i−6)x = −2 + 0 + 4 + 8 = 10; / (5·6).
        assertThat(all.giniOfExposure()).isCloseTo(10.0 / 30, within(EPS));

        TopKEvaluator.GroupReport niche = e.report("user=niche");
        assertThat(niche.ndcg()).isCloseTo(0.3868528072, within(EPS));
        assertThat(niche.averagePopularity()).isCloseTo(0.2, within(EPS));
        assertThat(niche.coverage()).isCloseTo(3.0 / 5, within(EPS));
        // [0,0,1,1,2]: 2·1 + 4·2 = 10; / (5·4).
        assertThat(niche.giniOfExposure()).isCloseTo(0.5, within(EPS));
        assertThat(e.localShareByTerritory()).containsOnlyKeys("BR", "PT");
        assertThat(e.localShareByTerritory().get("PT")).isCloseTo(0.5, within(EPS));
        assertThat(e.report())
                .extracting(TopKEvaluator.GroupReport::group)
                .containsExactly("user=mainstream", "user=niche", "all");
    }
}
