package glocal.model.evaluation;

import glocal.model.evaluation.reference.ReferenceConfig;
import glocal.model.evaluation.reference.References;
import glocal.model.labelling.LabellingPolicy;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.synthetic.SyntheticWorld;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning tests' seeded run: the tiny strongLocalTaste catalogue with 3,000 users and 30,000
 * views (about 10 each), a time split at 80 %, batches of 256 labelled by the stream's rules; the
 * given model specs trained on it and the given reference recommenders fitted to it, scored on the
 * same held-out plays.
 */
public final class TinyWorldRuns {

    private TinyWorldRuns() {}

    /** Every row of the models' and references' runs on the tiny world of {@code seed}. */
    public static List<MetricRow> run(List<String> models, List<String> references, long seed) {
        EvaluationData data =
                new EvaluationProtocol(0.8, 256, LabellingPolicy.defaults().withSeed(seed))
                        .synthetic(
                                new SyntheticWorld(
                                        EvaluationPresets.preset("tiny").toBuilder()
                                                .users(3_000)
                                                .build(),
                                        seed),
                                30_000);
        Evaluator evaluator = new Evaluator(1_000, (m, b) -> {}, (m, d, t) -> {});
        int groups = data.grouping().groups();
        List<ModelVariant> variants =
                models.stream().map(m -> ModelVariant.parse(m, groups, seed)).toList();
        List<MetricRow> rows = new ArrayList<>(evaluator.run(data, variants, seed));
        for (String reference : references) {
            rows.addAll(
                    evaluator.runFitted(
                            data,
                            reference,
                            () -> References.fit(reference, data, ReferenceConfig.defaults()),
                            seed));
        }
        return rows;
    }

    /** NDCG@20 over all test users of {@code model} (a spec or a reference's name). */
    public static double ndcg(List<MetricRow> rows, String model) {
        return value(rows, model, Evaluator.NDCG);
    }

    /** Test AUC over all test examples of {@code model} (a spec or a reference's name). */
    public static double auc(List<MetricRow> rows, String model) {
        return value(rows, model, Evaluator.TEST_AUC);
    }

    private static double value(List<MetricRow> rows, String model, String metric) {
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
