package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-9;
    private static final List<String> RANKED = List.of("a", "b", "c", "d");
    private static final Set<String> RELEVANT = Set.of("b", "d");

    @Test
    void ndcgOfAHandComputedExample() {
        // K=3: DCG = 1/log2(3) = 0.6309298; IDCG = 1 + 1/log2(3) = 1.6309298 → 0.3868528.
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 3))
                .isCloseTo(0.3868528072, within(EPS));
        // K=4: DCG = 0.6309298 + 1/log2(5) = 1.0616064 → / 1.6309298 = 0.6509209.
        assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 4))
                .isCloseTo(0.6509209298, within(EPS));
        assertThat(RankingMetrics.ndcgAtK(List.of("d", "b", "a"), RELEVANT, 3))
                .isCloseTo(1.0, within(EPS));
    }

    @Test
    void recallOfAHandComputedExample() {
        assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 3)).isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 4)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 10)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void duplicatesInARankingCountOnce() {
        assertThat(RankingMetrics.ndcgAtK(List.of("b", "b"), Set.of("b", "x"), 2))
                .isCloseTo(1 / 1.6309297536, within(EPS));
        assertThat(RankingMetrics.recallAtK(List.of("b", "b"), Set.of("b", "x"), 2))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void userWithoutRelevantItemsIsNanAndKMustBePositive() {
        assertThat(RankingMetrics.ndcgAtK(RANKED, Set.of(), 3)).isNaN();
        assertThat(RankingMetrics.recallAtK(RANKED, Set.of(), 3)).isNaN();
        assertThat(RankingMetrics.ndcgAtK(List.of(), RELEVANT, 3)).isZero();
        assertThatThrownBy(() -> RankingMetrics.ndcgAtK(RANKED, RELEVANT, 0))
                .hasMessageContaining("K must be >= 1, got 0");
    }
}
