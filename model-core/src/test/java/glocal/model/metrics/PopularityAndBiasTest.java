package glocal.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopularityAndBiasTest {

    private static final double EPS = 1e-12;
    private static final Popularity<String> POP = Popularity.of(Map.of("a", 6L, "b", 3L, "c", 1L));

    @Test
    void sharesAndMidRankPercentiles() {
        assertThat(POP.share("a")).isCloseTo(0.6, within(EPS));
        assertThat(POP.share("zz")).isZero();
        assertThat(POP.percentile("c")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(POP.percentile("b")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(POP.percentile("a")).isCloseTo(1.0, within(EPS));
        assertThat(POP.percentile("zz")).isZero();
        // Ties share the mid rank: x, y at ranks 1 and 2 → 1.5 / 3.
        Popularity<String> tied =
                Popularity.ofInteractions(List.of("x", "y", "x", "y", "z", "z", "z"));
        assertThat(tied.percentile("x")).isCloseTo(0.5, within(EPS));
        assertThat(tied.percentile("y")).isCloseTo(0.5, within(EPS));
        assertThat(tied.percentile("z")).isCloseTo(1.0, within(EPS));
    }

    @Test
    void longTailIsWhatLiesOutsideTheShortHead() {
        // Head for 80%: a (6) is not enough, a+b (9 of 10) is → tail {c}.
        assertThat(POP.longTail(0.8)).containsExactly("c");
        assertThat(POP.longTail(0.5)).containsExactlyInAnyOrder("b", "c");
        assertThat(Popularity.of(Map.of("p", 2L, "q", 2L)).longTail(0.5)).isEmpty();
    }

    @Test
    void averageRecommendationPopularityLongTailShareAndCoverage() {
        List<List<String>> lists = List.of(List.of("a", "b"), List.of("a", "c"));
        // (0.6+0.3)/2 = 0.45 and (0.6+0.1)/2 = 0.35 → 0.4.
        assertThat(PopularityBias.averageRecommendationPopularity(lists, 2, POP::share))
                .isCloseTo(0.4, within(EPS));
        assertThat(PopularityBias.longTailShare(lists, 2, Set.of("c")))
                .isCloseTo(0.25, within(EPS));
        assertThat(PopularityBias.longTailShare(lists, 1, Set.of("c"))).isZero();
        assertThat(PopularityBias.catalogueCoverage(lists, 2, 10)).isCloseTo(0.3, within(EPS));
        assertThat(PopularityBias.exposure(lists, 2))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L, "c", 1L));
        assertThat(PopularityBias.averageRecommendationPopularity(List.of(), 2, POP::share))
                .isNaN();
    }

    @Test
    void giniOfExposureOfAHandComputedExample() {
        // Catalogue of 4, exposures [0, 0, 1, 3]: Σ(2i−n−1)x = 1·1 + 3·3 = 10; / (4·4) = 0.625.
        assertThat(PopularityBias.giniOfExposure(List.of(1L, 3L), 4)).isCloseTo(0.625, within(EPS));
        assertThat(PopularityBias.giniOfExposure(List.of(5L, 5L, 5L), 3)).isCloseTo(0, within(EPS));
        assertThat(PopularityBias.giniOfExposure(List.of(), 3)).isNaN();
        assertThatThrownBy(() -> PopularityBias.giniOfExposure(List.of(1L, 2L), 1))
                .hasMessageContaining("below the 2 exposed");
    }

    @Test
    void localShareIsPerTerritory() {
        Map<String, Double> share =
                PopularityBias.localShareByTerritory(
                        List.of(List.of("b", "a"), List.of("a", "c", "d"), List.of("c")),
                        List.of("BR", "PT", "PT"),
                        3,
                        (item, territory) ->
                                item.equals("b") && territory.equals("BR")
                                        || item.equals("c") && territory.equals("PT"));
        // BR: 1 of 2 slots; PT: 2 of 4 slots.
        assertThat(share).containsOnlyKeys("BR", "PT");
        assertThat(share.get("BR")).isCloseTo(0.5, within(EPS));
        assertThat(share.get("PT")).isCloseTo(0.5, within(EPS));
    }
}
