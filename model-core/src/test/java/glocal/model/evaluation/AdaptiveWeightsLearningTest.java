package glocal.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.labelling.LabellingPolicy;
import glocal.model.synthetic.SyntheticConfig;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.EarlierDefaults;
import glocal.model.train.OnlineTrainer;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TALL's premise on real training: the adaptive weight module, fed the per-example losses of mtl
 * trained online on a seeded manyNiche world, gives niche users (whose loss falls slowest) more
 * weight than mainstream users. This is the mechanism TALL relies on; what it does to NDCG@20 is
 * measured in docs/results.md (manyNiche): in our two-tower models it lifts mainstream users, not
 * niche ones, so no test claims a niche gain.
 */
class AdaptiveWeightsLearningTest {

    private static final int USERS = 600;
    private static final long EVENTS = 80_000;

    @BeforeAll
    static void oneThread() {
        OnlineTrainer.configureThreads(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void theWeightsGoToNicheUsers(long seed) {
        SyntheticConfig config =
                EvaluationPresets.preset("manyNiche").toBuilder().users(USERS).build();
        EvaluationData data =
                new EvaluationProtocol(
                                0.8,
                                256,
                                LabellingPolicy.defaults()
                                        .withNegativesPerPositive(2)
                                        .withSeed(seed))
                        .synthetic(new SyntheticWorld(config, seed), EVENTS);
        // 40-step windows: this world trains about 250 steps, the trainer's 200-step default would
        // never
        // leave the gap.
        AdaptiveWeightsConfig weights =
                AdaptiveWeightsConfig.defaults().with(Map.of("window", "40"));
        Evaluator evaluator =
                new Evaluator(
                        USERS,
                        (model, b) -> {},
                        (model, done, total) -> {},
                        weights,
                        new ScoreDistributions());
        List<MetricRow> rows =
                evaluator.run(
                        data,
                        List.of(
                                ModelVariant.parse(
                                        "adaptive" + EarlierDefaults.VARIANT,
                                        data.grouping().groups(),
                                        seed)),
                        seed);

        double all = meanWeight(rows, "all");
        double niche = meanWeight(rows, "user=niche");
        double mainstream = meanWeight(rows, "user=mainstream");
        // Measured (seeds 1-4, the stream's labelling, relative loss change over max(previous,
        // current)):
        // niche 1.25 / 1.24 / 1.05 / 1.09, mainstream 0.90 / 0.89 / 0.91 / 0.87, all users
        // 0.99-1.02 (mean 1
        // over the users weighted in the last window; the rest keep older weights). Before the
        // labelling
        // path was shared (2 negatives, any later play cancels an impression) niche reached 1.39 ±
        // 0.18.
        assertThat(all).as("mean weight of all users").isBetween(0.9, 1.1);
        assertThat(niche).as("niche users' mean weight").isGreaterThan(1.0);
        assertThat(mainstream).as("mainstream users' mean weight").isLessThan(0.95);
        assertThat(niche - mainstream).as("niche minus mainstream mean weight").isGreaterThan(0.1);
    }

    private static double meanWeight(List<MetricRow> rows, String group) {
        return rows.stream()
                .filter(r -> r.metric().equals(Evaluator.MEAN_WEIGHT) && r.group().equals(group))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + group + " row"));
    }
}
