package glocal.model.evaluation;

import static glocal.model.evaluation.Evaluator.TEST_AUC;
import static glocal.model.evaluation.Evaluator.TEST_PR_AUC;

import glocal.model.batch.ExampleBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures a recommender fitted offline on the training period (the reference recommenders, the
 * co-play diagnostic): no progressive validation (NaN rows); test PR-AUC and AUC from its scores of
 * the test examples; top-K through the same ranking of the catalogue, seen-title exclusion and test
 * users as every model; time per batch is the fitting time over the number of training batches.
 */
final class FittedRun {

    private final TopKMeasurement topK;

    FittedRun(TopKMeasurement topK) {
        this.topK = topK;
    }

    <R extends Evaluator.Ranker & Evaluator.Scorer> List<MetricRow> run(
            EvaluationData data, String name, Supplier<R> fit, long seed) {
        long start = System.nanoTime();
        R fitted = fit.get();
        long fitNanos = System.nanoTime() - start;
        BinaryScores test = new BinaryScores();
        for (ExampleBatch batch : data.testBatches()) {
            float[] scores = new float[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                scores[i] = (float) fitted.score(batch.userIds()[i], batch.titleIds()[i]);
            }
            test.add(data, batch, scores);
        }
        List<MetricRow> rows = new ArrayList<>();
        BinaryScores.addNoProgressiveValidation(rows, name, seed);
        test.addRows(rows, name, seed, TEST_PR_AUC, TEST_AUC);
        rows.addAll(topK.rows(data, name, seed, fitted));
        rows.add(MetricRow.fitMsPerBatch(seed, name, fitNanos, data));
        return rows;
    }
}
