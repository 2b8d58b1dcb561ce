package glocal.model.evaluation;

import static glocal.model.evaluation.Evaluator.DENSE_PARAMS;
import static glocal.model.evaluation.Evaluator.TEST_AUC;
import static glocal.model.evaluation.Evaluator.TEST_PR_AUC;
import static glocal.model.evaluation.Evaluator.TRAINED_SHARE;

import glocal.model.batch.ExampleBatch;
import glocal.model.metrics.GroupedBinaryMetrics;
import glocal.model.tall.TallConfig;
import glocal.model.weights.AdaptiveUserWeights;
import glocal.model.weights.AdaptiveWeightsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains and measures TALL's mixture ({@link TallModel}, the {@code tall} and {@code tall-adaptive}
 * variants): trained offline on the training batches' plays, so there is no progressive validation
 * (those rows are NaN); test PR-AUC/AUC score each example by the mixture's multinomial probability
 * of the title for the user (a ranking score: each user's scores sum to 1, not a play probability,
 * so they stay out of the play-probability score distributions); time per batch is the whole
 * training time over the number of training batches; trained share is the share of training rows
 * that are plays, the only rows a multinomial over watched titles learns from.
 */
final class TallRun {

    private final TallConfig tallConfig;
    private final AdaptiveWeightsConfig adaptiveWeights;
    private final Evaluator.BatchObserver observer;
    private final Evaluator.Progress progress;
    private final TopKMeasurement topK;

    /**
     * @param tallConfig the mixture's settings; each run replaces its seed by the run's seed
     */
    TallRun(
            TallConfig tallConfig,
            AdaptiveWeightsConfig adaptiveWeights,
            Evaluator.BatchObserver observer,
            Evaluator.Progress progress,
            TopKMeasurement topK) {
        this.tallConfig = tallConfig;
        this.adaptiveWeights = adaptiveWeights;
        this.observer = observer;
        this.progress = progress;
        this.topK = topK;
    }

    List<MetricRow> run(EvaluationData data, ModelVariant variant, long seed) {
        String name = variant.name();
        List<MetricRow> rows = new ArrayList<>();
        BinaryScores test = new BinaryScores();
        // One loss window per epoch, in which every user is seen once: a user always counts.
        AdaptiveUserWeights weights =
                variant.adaptiveWeights()
                        ? new AdaptiveUserWeights(adaptiveWeights.with(Map.of("examples", "1")))
                        : null;
        long start = System.nanoTime();
        try (TallModel tall =
                TallModel.train(
                        data, tallConfig.withSeed(seed), name, weights, observer, progress)) {
            long trainNanos = System.nanoTime() - start;
            List<float[]> scores = tall.score(data.testBatches());
            for (int b = 0; b < scores.size(); b++) {
                test.add(data, data.testBatches().get(b), scores.get(b));
            }
            BinaryScores.addNoProgressiveValidation(rows, name, seed);
            test.addRows(rows, name, seed, TEST_PR_AUC, TEST_AUC);
            rows.addAll(topK.rows(data, name, seed, tall));
            rows.add(
                    new MetricRow(
                            seed,
                            name,
                            GroupedBinaryMetrics.ALL,
                            DENSE_PARAMS,
                            tall.parameterCount()));
            if (weights != null) {
                rows.addAll(MeanUserWeights.rows(data, name, seed, weights));
            }
            long all = data.trainBatches().stream().mapToLong(ExampleBatch::size).sum();
            rows.add(
                    new MetricRow(
                            seed,
                            name,
                            GroupedBinaryMetrics.ALL,
                            TRAINED_SHARE,
                            tall.trainingPlays() / (double) Math.max(1, all)));
            rows.add(MetricRow.fitMsPerBatch(seed, name, trainNanos, data));
        }
        return rows;
    }
}
