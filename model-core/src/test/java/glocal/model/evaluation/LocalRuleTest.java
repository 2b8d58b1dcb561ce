package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class LocalRuleTest {

    private static void plays(List<View> out, String title, String territory, int n) {
        for (int i = 0; i < n; i++) {
            out.add(
                    new View(
                            title + territory + i,
                            "u" + out.size(),
                            title,
                            territory,
                            out.size(),
                            ViewType.PLAY,
                            1f,
                            true,
                            false));
        }
    }

    /**
     * BIG holds about 90% of the plays among seven territories (as XMarket's markets). Each
     * "shared-k" title is played in proportion, 90 times in BIG and 10 in SMALL; "small-hit" mostly
     * in SMALL; "big-hit" only in BIG; the other five territories play a title of their own.
     */
    private static List<View> oneTerritoryDominates() {
        List<View> views = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            plays(views, "shared-" + k, "BIG", 90);
            plays(views, "shared-" + k, "SMALL", 10);
        }
        plays(views, "small-hit", "BIG", 30);
        plays(views, "small-hit", "SMALL", 40);
        plays(views, "big-hit", "BIG", 330);
        for (String other : List.of("S3", "S4", "S5", "S6", "S7")) {
            plays(views, other + "-hit", other, 2);
        }
        return views;
    }

    @Test
    void theMajorityRuleMakesNearlyEveryTitleLocalToTheDominantTerritory() {
        BiPredicate<String, String> majority = LocalRule.majority().fit(oneTerritoryDominates());
        // Played in 2 of 7 territories with most plays in BIG: "local" to BIG, as every shared
        // title.
        assertThat(majority.test("shared-0", "BIG")).isTrue();
        assertThat(majority.test("big-hit", "BIG")).isTrue();
        assertThat(majority.test("small-hit", "SMALL")).isTrue();
        assertThat(majority.test("shared-0", "SMALL")).isFalse();
    }

    @Test
    void overRepresentationFindsTheSmallTerritorysHitAndNoneOfTheDominantOnes() {
        BiPredicate<String, String> rule =
                LocalRule.overRepresentation(2, 3).fit(oneTerritoryDominates());
        // SMALL holds 40 + 200 = 240 of 2,410 plays (10%); small-hit has 40 / 70 = 57% of its plays
        // there.
        assertThat(rule.test("small-hit", "SMALL")).isTrue();
        assertThat(rule.test("small-hit", "BIG")).isFalse();
        // A title played in proportion to the territories is local nowhere.
        assertThat(rule.test("shared-0", "SMALL")).isFalse();
        assertThat(rule.test("shared-0", "BIG")).isFalse();
        // BIG's share is 90%: no title can have twice that of its plays there.
        assertThat(rule.test("big-hit", "BIG")).isFalse();
    }

    @Test
    void overRepresentationNeedsTheMinimumPlaysInTheTerritory() {
        List<View> views = new ArrayList<>();
        plays(views, "common", "AA", 100);
        plays(views, "common", "BB", 100);
        plays(views, "rare", "BB", 2);
        assertThat(LocalRule.overRepresentation(1.5, 3).fit(views).test("rare", "BB")).isFalse();
        assertThat(LocalRule.overRepresentation(1.5, 2).fit(views).test("rare", "BB")).isTrue();
    }

    @Test
    void badParametersAndUnknownRulesAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> LocalRule.overRepresentation(0, 3))
                .hasMessageContaining("--local-ratio");
        assertThatThrownBy(() -> LocalRule.overRepresentation(2, 0))
                .hasMessageContaining("--local-min-plays");
        assertThatThrownBy(() -> LocalRule.parse("nearby", 2, 3))
                .hasMessageContaining("over-representation")
                .hasMessageContaining("majority");
    }

    /**
     * F1 of {@code rule} against the world's local titles, over (title, territory) pairs weighted
     * by training plays.
     */
    static double agreementWithTheWorld(String preset, LocalRule rule, int users, int views) {
        SyntheticWorld world =
                new SyntheticWorld(
                        EvaluationPresets.preset(preset).toBuilder().users(users).build(), 1);
        List<View> all = new ArrayList<>();
        world.views(views).forEachRemaining(all::add);
        List<View> train = all.subList(0, views * 4 / 5);
        BiPredicate<String, String> truth = LocalRule.world(world).fit(train);
        BiPredicate<String, String> guess = rule.fit(train);
        double both = 0;
        double guessOnly = 0;
        double truthOnly = 0;
        for (View v : train) {
            if (v.isPlay()) {
                boolean t = truth.test(v.titleId(), v.territory());
                boolean g = guess.test(v.titleId(), v.territory());
                both += t && g ? 1 : 0;
                guessOnly += g && !t ? 1 : 0;
                truthOnly += t && !g ? 1 : 0;
            }
        }
        return 2 * both / (2 * both + guessOnly + truthOnly);
    }

    @Test
    void overRepresentationAgreesWithASyntheticWorldsLocalTitlesBetterThanMajority() {
        // 2,000 users, 60,000 views: F1 0.79 against 0.72 on strongLocalTaste, 0.83 against 0.76 on
        // balanced.
        for (String preset : List.of("strongLocalTaste", "balanced")) {
            double over =
                    agreementWithTheWorld(preset, LocalRule.overRepresentation(), 2_000, 60_000);
            double majority = agreementWithTheWorld(preset, LocalRule.majority(), 2_000, 60_000);
            assertThat(over).as(preset).isGreaterThan(majority + 0.03);
        }
    }
}
