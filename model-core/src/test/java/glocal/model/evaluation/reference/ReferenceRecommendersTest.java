package glocal.model.evaluation.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glocal.model.data.View;
import glocal.model.data.ViewType;
import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.LocalRule;
import glocal.model.evaluation.MetricRow;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceRecommendersTest {

    private static final long DAY = 86_400_000L;
    private static final long START = 1_700_000_000_000L;
    private static final ReferenceConfig CONFIG = new ReferenceConfig(1, 10, 2_000);

    private static View play(String user, String title, String territory, long time) {
        return new View(
                user + "/" + title + "/" + time,
                user,
                title,
                territory,
                time,
                ViewType.PLAY,
                1f,
                true,
                false);
    }

    /**
     * Splits with the time cut at {@code trainFraction}, territories AA → group 0, BB → group 1.
     */
    private static EvaluationData split(List<View> views, double trainFraction) {
        return new EvaluationProtocol(
                        trainFraction,
                        64,
                        LabellingPolicy.defaults().withNegativesPerPositive(0).withSeed(1))
                .split(
                        views,
                        GroupingStrategy.fixed(TerritoryGrouping.of(Map.of("AA", 0, "BB", 1), 2)),
                        LocalRule.majority());
    }

    private static double value(List<MetricRow> rows, String group, String metric) {
        return rows.stream()
                .filter(r -> r.group().equals(group) && r.metric().equals(metric))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElseThrow();
    }

    private static List<MetricRow> measured(
            String reference, EvaluationData data, ReferenceConfig config) {
        return new Evaluator(1_000, (m, b) -> {}, (m, d, t) -> {})
                .runFitted(data, reference, () -> References.fit(reference, data, config), 1);
    }

    /**
     * 30 users in AA and 80 in BB, each territory with its own five hits. Every user plays three of
     * their territory's hits in training and a fourth in the test period: half of them hits 0-2
     * then 3, the other half 1-3 then 0 (hit 4 is never played). BB's hits lead the catalogue-wide
     * counts.
     */
    private static EvaluationData disjointHits() {
        List<View> train = new ArrayList<>();
        List<View> test = new ArrayList<>();
        long t = START;
        for (String territory : List.of("AA", "BB")) {
            int users = territory.equals("AA") ? 30 : 80;
            for (int u = 0; u < users; u++) {
                String user = territory + "-u" + u;
                int[] played = u % 2 == 0 ? new int[] {0, 1, 2} : new int[] {1, 2, 3};
                for (int h : played) {
                    train.add(play(user, territory + "-hit" + h, territory, t++));
                }
                test.add(
                        play(
                                user,
                                territory + "-hit" + (u % 2 == 0 ? 3 : 0),
                                territory,
                                START + 100 * DAY + t++));
            }
        }
        List<View> views = new ArrayList<>(train);
        views.addAll(test);
        return split(views, train.size() / (double) views.size());
    }

    @Test
    void
            mostPopularTerritoryRanksTheUsersOwnTerritorysHitsWhereTheCatalogueListRanksTheBiggerTerritorys() {
        EvaluationData data = disjointHits();
        List<MetricRow> territory = measured(References.MOST_POPULAR_TERRITORY, data, CONFIG);
        List<MetricRow> catalogue = measured(References.MOST_POPULAR, data, CONFIG);
        // The unseen own-territory hit with the most plays is exactly the held-out one (the user's
        // three
        // training plays, which lead the territory's list, are left out as they are for the
        // models).
        assertThat(value(territory, "territory=G0", Evaluator.NDCG)).isCloseTo(1.0, within(1e-9));
        assertThat(value(territory, "territory=G1", Evaluator.NDCG)).isCloseTo(1.0, within(1e-9));
        // The catalogue-wide list puts BB's four played hits first: AA's held-out hit is fifth at
        // best.
        assertThat(value(catalogue, "territory=G0", Evaluator.NDCG))
                .isLessThanOrEqualTo(1 / (Math.log(6) / Math.log(2)) + 1e-9);
        assertThat(value(catalogue, "territory=G1", Evaluator.NDCG)).isCloseTo(1.0, within(1e-9));
        assertThat(value(territory, GroupedBinaryMetrics.ALL, Evaluator.TEST_USERS)).isEqualTo(110);
        assertThat(value(territory, GroupedBinaryMetrics.ALL, Evaluator.HELD_OUT)).isEqualTo(110);
        assertThat(value(territory, "territory=G0", Evaluator.TEST_USERS)).isEqualTo(30);
    }

    @Test
    void recentPopularWeighsPlaysByTheirAgeAtTheEndOfTraining() {
        List<View> views = new ArrayList<>();
        long t = START;
        // "old": 20 plays 30 days before the end of training; "new": 5 plays on its last day.
        for (int u = 0; u < 20; u++) {
            views.add(play("u" + u, "old", "AA", t + u));
        }
        long end = START + 30 * DAY;
        for (int u = 0; u < 5; u++) {
            views.add(play("u" + u, "new", "AA", end - 5 + u));
        }
        for (int u = 0; u < 25; u++) {
            views.add(play("u" + (u % 20), "later-" + u, "AA", end + DAY + u));
        }
        EvaluationData data = split(views, 0.5);
        ReferenceRecommender recent = References.fit(References.RECENT_POPULAR, data, CONFIG);
        ReferenceRecommender all = References.fit(References.MOST_POPULAR, data, CONFIG);
        assertThat(recent.topK("u19", 0, 2))
                .extracting(ScoredTitle::titleId)
                .containsExactly("new", "old");
        assertThat(all.topK("u19", 0, 2))
                .extracting(ScoredTitle::titleId)
                .containsExactly("old", "new");
        // Half-life 1 day: each "new" play weighs about 1, each "old" play 2^-30.
        double oldWeight = 20 * Math.pow(2, -30);
        double newWeight = 5;
        assertThat(recent.score("u0", "new"))
                .isCloseTo(newWeight / (newWeight + oldWeight), within(1e-6));
        assertThat(all.score("u0", "new")).isCloseTo(5 / 25.0, within(1e-12));
        // A year's half-life: the 20 old plays weigh nearly as much as 20 new ones and lead again.
        ReferenceRecommender slow =
                References.fit(
                        References.RECENT_POPULAR, data, new ReferenceConfig(365, 10, 2_000));
        assertThat(slow.topK("u19", 0, 2))
                .extracting(ScoredTitle::titleId)
                .containsExactly("old", "new");
    }

    /**
     * 12 clusters of 6 titles; a user picks a cluster (cluster c with weight 1 / (c + 1), so the
     * first clusters hold the most played titles), plays 4 of its titles in training and 1 of the
     * other 2 later.
     */
    private static EvaluationData plantedClusters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[12];
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            weights[c] = 1.0 / (c + 1);
            sum += weights[c];
        }
        List<View> train = new ArrayList<>();
        List<View> test = new ArrayList<>();
        long t = START;
        for (int u = 0; u < 600; u++) {
            double x = random.nextDouble() * sum;
            int cluster = 0;
            while (x > weights[cluster]) {
                x -= weights[cluster++];
            }
            List<Integer> titles = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
            java.util.Collections.shuffle(titles, new java.util.Random(random.nextLong()));
            for (int i = 0; i < 4; i++) {
                train.add(play("u" + u, "c" + cluster + "-t" + titles.get(i), "AA", t++));
            }
            test.add(
                    play(
                            "u" + u,
                            "c" + cluster + "-t" + titles.get(4),
                            "AA",
                            START + 100 * DAY + t++));
        }
        List<View> views = new ArrayList<>(train);
        views.addAll(test);
        return split(views, train.size() / (double) views.size());
    }

    @Test
    void easeRecoversAPlantedItemItemStructureThatMostPopularMisses() {
        EvaluationData data = plantedClusters(3);
        double ease =
                value(
                        measured(References.EASE, data, CONFIG),
                        GroupedBinaryMetrics.ALL,
                        Evaluator.NDCG);
        double popular =
                value(
                        measured(References.MOST_POPULAR, data, CONFIG),
                        GroupedBinaryMetrics.ALL,
                        Evaluator.NDCG);
        // The user's two unplayed cluster mates lead EASE's list: NDCG 1 or 1/log2(3) per user.
        assertThat(ease).isGreaterThan(0.6);
        assertThat(ease).isGreaterThan(popular + 0.3);
    }

    @Test
    void easeCapsItsTitlesAndRanksTheRestAfterThemByPlays() {
        EvaluationData data = plantedClusters(3);
        Ease capped = Ease.fit(data, 10, 12);
        assertThat(capped.titles()).isEqualTo(12);
        List<ScoredTitle> top = capped.topK("u0", 0, 30);
        assertThat(top).hasSize(30);
        assertThat(top.subList(12, 30))
                .allSatisfy(s -> assertThat(s.score()).isEqualTo(Float.NEGATIVE_INFINITY));
        assertThat(top.subList(0, 12)).allSatisfy(s -> assertThat(s.score()).isFinite());
    }

    @Test
    void theInverseTimesTheMatrixIsTheIdentity() {
        double[] a = {4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2};
        double[] p = Ease.invert(a.clone(), 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += a[i * 3 + k] * p[k * 3 + j];
                }
                assertThat(sum).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }
}
