package glocal.model.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopularitySamplerTest {

    private static Map<String, Integer> hits(
            PopularitySampler sampler, String territory, Set<String> exclude, int draws) {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            for (String t : sampler.sample(territory, 1, exclude, rng)) {
                hits.merge(t, 1, Integer::sum);
            }
        }
        return hits;
    }

    @Test
    void drawsFollowPlaysToTheBetaAndSkipExcludedTitles() {
        PopularitySampler sampler = new PopularitySampler(0.5);
        sampler.add("US", "a", 100);
        sampler.add("US", "b", 1600);
        sampler.add("US", "c", 1);
        sampler.add("US", "seen", 5000);
        Map<String, Integer> hits = hits(sampler, "US", Set.of("seen"), 20_000);
        assertThat(hits).doesNotContainKey("seen");
        // weights 10 : 40 : 1 over the three remaining titles
        assertThat(hits.get("b") / (double) hits.get("a")).isCloseTo(4.0, within(0.3));
        assertThat(hits.get("c") / 20_000.0).isCloseTo(1 / 51.0, within(0.005));
    }

    @Test
    void everyPlayMovesTheDistributionAtOnce() {
        PopularitySampler sampler = new PopularitySampler(1.0);
        sampler.played("BR", "a");
        assertThat(hits(sampler, "BR", Set.of(), 1_000)).containsOnlyKeys("a");
        for (int i = 0; i < 3; i++) {
            sampler.played("BR", "b");
        }
        assertThat(sampler.count("BR", "b")).isEqualTo(3);
        Map<String, Integer> hits = hits(sampler, "BR", Set.of(), 20_000);
        assertThat(hits.get("b") / 20_000.0).isCloseTo(0.75, within(0.02));
        // Many titles: the tree grows past its first capacity and still draws ∝ plays.
        for (int t = 0; t < 100; t++) {
            sampler.add("BR", "x" + t, 10);
        }
        hits = hits(sampler, "BR", Set.of(), 40_000);
        assertThat(hits.get("x42") / 40_000.0).isCloseTo(10 / 1004.0, within(0.003));
        assertThat(hits.get("a") / 40_000.0).isCloseTo(1 / 1004.0, within(0.001));
    }

    @Test
    void drawsAreDistinctAndLimitedByTheCatalogue() {
        PopularitySampler sampler = new PopularitySampler(0.75);
        for (String t : List.of("a", "b", "c")) {
            sampler.played("US", t);
        }
        List<String> drawn = sampler.sample("US", 5, Set.of("a"), new SplittableRandom(3));
        assertThat(drawn).containsExactlyInAnyOrder("b", "c");
        assertThat(sampler.sample("BR", 5, Set.of(), new SplittableRandom(3))).isEmpty();
        assertThat(sampler.sample("BR", new SplittableRandom(3))).isNull();
    }

    @Test
    void sameSeedSameDraws() {
        PopularitySampler sampler = new PopularitySampler(0.75);
        for (int t = 0; t < 50; t++) {
            sampler.add("US", "t" + t, t + 1);
        }
        assertThat(sampler.sample("US", 4, Set.of(), new SplittableRandom(9)))
                .isEqualTo(sampler.sample("US", 4, Set.of(), new SplittableRandom(9)));
    }

    @Test
    void negativePlaysAndExponentsAreRejected() {
        assertThatThrownBy(() -> new PopularitySampler(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PopularitySampler(0.5).add("US", "a", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("US/a");
    }
}
