package glocal.model.evaluation;

import glocal.model.metrics.GroupedBinaryMetrics;

/**
 * One figure of one run: a model's {@code metric} on a group ({@code all}, a territory group {@code
 * territory=EMEA}, or a user group {@code user=niche}) for one seed.
 */
public record MetricRow(long seed, String model, String group, String metric, double value) {

    /**
     * A model fitted offline in {@code nanos}: its {@link Evaluator#MS_PER_BATCH} over the split's
     * training batches (NaN without any).
     */
    static MetricRow fitMsPerBatch(long seed, String model, long nanos, EvaluationData data) {
        int batches = data.trainBatches().size();
        return new MetricRow(
                seed,
                model,
                GroupedBinaryMetrics.ALL,
                Evaluator.MS_PER_BATCH,
                batches == 0 ? Double.NaN : nanos / 1e6 / batches);
    }
}
