package glocal.model.evaluation.reference;

import static org.assertj.core.api.Assertions.assertThat;

import glocal.model.evaluation.EvaluationData;
import glocal.model.evaluation.EvaluationPresets;
import glocal.model.evaluation.EvaluationProtocol;
import glocal.model.evaluation.Evaluator;
import glocal.model.evaluation.MetricRow;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.train.ScoredTitle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticOracleTest {

    private static final long SEED = 3;

    private final SyntheticWorld world =
            new SyntheticWorld(
                    EvaluationPresets.preset("tiny").toBuilder().users(3_000).build(), SEED);
    private final EvaluationData data =
            new EvaluationProtocol(0.8, 256, LabellingPolicy.defaults().withSeed(SEED))
                    .synthetic(world, 30_000);

    @Test
    void knowingTheTrueAffinityRanksHeldOutPlaysAboveEveryReference() {
        Evaluator evaluator = new Evaluator(1_000, (m, b) -> {}, (m, d, t) -> {});
        List<MetricRow> rows = new ArrayList<>();
        for (String reference : References.NAMES) {
            rows.addAll(
                    evaluator.runFitted(
                            data,
                            reference,
                            () -> References.fit(reference, data, ReferenceConfig.defaults()),
                            SEED));
        }
        rows.addAll(
                evaluator.runFitted(
                        data, SyntheticOracle.NAME, () -> SyntheticOracle.fit(world, data), SEED));
        double oracle = metric(rows, SyntheticOracle.NAME, Evaluator.NDCG);
        for (String reference : References.NAMES) {
            assertThat(oracle)
                    .as("oracle NDCG@20 against %s", reference)
                    .isGreaterThan(1.03 * metric(rows, reference, Evaluator.NDCG));
        }
        // The affinity is P(play | shown): it separates the test period's plays from its
        // impressions better than any reference's score does.
        double oracleAuc = metric(rows, SyntheticOracle.NAME, Evaluator.TEST_AUC);
        for (String reference : References.NAMES) {
            assertThat(oracleAuc)
                    .as("oracle test AUC against %s", reference)
                    .isGreaterThan(metric(rows, reference, Evaluator.TEST_AUC) + 0.02);
        }
    }

    @Test
    void ranksByExposureInTheHomeTerritoryTimesAffinityAndScoresByAffinity() {
        SyntheticOracle oracle = SyntheticOracle.fit(world, data);
        String user = data.heldOut().keySet().iterator().next();
        List<ScoredTitle> top = oracle.topK(user, 0, 50);
        assertThat(top).hasSize(50);
        assertThat(top).isSortedAccordingTo(ScoredTitle.BEST_FIRST);
        for (ScoredTitle t : top) {
            assertThat(t.score()).isPositive();
            assertThat(data.catalogue()).contains(t.titleId());
        }
        String title = top.get(0).titleId();
        assertThat(oracle.score(user, title)).isEqualTo(world.affinity(user, title));
        assertThat(oracle.name()).isEqualTo("oracle");
    }

    private static double metric(List<MetricRow> rows, String model, String metric) {
        return rows.stream()
                .filter(
                        r ->
                                r.model().equals(model)
                                        && r.group().equals(GroupedBinaryMetrics.ALL)
                                        && r.metric().equals(metric))
                .mapToDouble(MetricRow::value)
                .findFirst()
                .orElseThrow();
    }
}
