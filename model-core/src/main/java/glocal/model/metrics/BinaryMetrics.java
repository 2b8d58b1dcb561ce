package glocal.model.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Metrics of a binary classifier's scores against 0/1 labels.
 *
 * <p>Undefined cases return {@code NaN} rather than a made-up number: AUC and average precision
 * when the labels hold only one class (or nothing), log loss and MSE on empty input. Callers that
 * average over groups skip NaN values and say how many they skipped.
 */
public final class BinaryMetrics {

    /** Default probability clip of {@link #logLoss(double[], int[])}. */
    public static final double DEFAULT_LOG_LOSS_EPSILON = 1e-15;

    private BinaryMetrics() {}

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting one half (Mann–Whitney U with average ranks).
     */
    public static double auc(double[] scores, int[] labels) {
        check(scores, labels);
        int n = scores.length;
        Integer[] order = sortedIndices(scores, Comparator.naturalOrder());
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0)
                / ((double) positives * negatives);
    }

    /**
     * PR-AUC as average precision: {@code Σ (R_k − R_{k−1}) · P_k} over the distinct score
     * thresholds from high to low (tied scores form one threshold), as scikit-learn computes it.
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        check(scores, labels);
        int n = scores.length;
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = sortedIndices(scores, Comparator.reverseOrder());
        double ap = 0;
        long truePositives = 0;
        long seen = 0;
        double previousRecall = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                truePositives += labels[order[k]];
                seen++;
            }
            double recall = truePositives / (double) positives;
            ap += (recall - previousRecall) * (truePositives / (double) seen);
            previousRecall = recall;
            i = j + 1;
        }
        return ap;
    }

    /** Mean binary cross-entropy of probabilities, clipped to [1e-15, 1 − 1e-15]. */
    public static double logLoss(double[] probabilities, int[] labels) {
        return logLoss(probabilities, labels, DEFAULT_LOG_LOSS_EPSILON);
    }

    /** Mean binary cross-entropy with probabilities clipped to {@code [eps, 1 − eps]}. */
    public static double logLoss(double[] probabilities, int[] labels, double eps) {
        check(probabilities, labels);
        if (!(eps > 0 && eps < 0.5)) {
            throw new IllegalArgumentException("log loss epsilon must be in (0, 0.5), got " + eps);
        }
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
            sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / probabilities.length;
    }

    /** Mean squared error. */
    public static double mse(double[] predictions, double[] targets) {
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException(
                    "predictions and targets differ in length: "
                            + predictions.length
                            + " vs "
                            + targets.length);
        }
        if (predictions.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double d = predictions[i] - targets[i];
            sum += d * d;
        }
        return sum / predictions.length;
    }

    private static Integer[] sortedIndices(double[] scores, Comparator<Double> direction) {
        return IntStream.range(0, scores.length)
                .boxed()
                .sorted((a, b) -> direction.compare(scores[a], scores[b]))
                .toArray(Integer[]::new);
    }

    private static void check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels differ in length: "
                            + scores.length
                            + " vs "
                            + labels.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(
                        "label " + i + " is " + labels[i] + "; labels are 0 or 1");
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }
}
