package glocal.model.validation;

import glocal.model.metrics.BinaryMetrics;
import glocal.model.metrics.GroupedBinaryMetrics.Summary;
import java.util.Arrays;

/**
 * The last {@code capacity} (probability, label) pairs of one group in a ring buffer, so metrics of
 * an unbounded stream describe the model as it is now, in bounded memory.
 */
final class WindowedPairs {

    private final double[] scores;
    private final int[] labels;
    private int next;
    private int size;
    private long seen;

    WindowedPairs(int capacity) {
        scores = new double[capacity];
        labels = new int[capacity];
    }

    void add(double probability, int label) {
        scores[next] = probability;
        labels[next] = label;
        next = (next + 1) % scores.length;
        size = Math.min(size + 1, scores.length);
        seen++;
    }

    long seen() {
        return seen;
    }

    /**
     * A copy of the window; order does not matter to the metrics, so the ring's filled prefix is
     * copied.
     */
    ProgressiveValidation.WindowContents contents() {
        return new ProgressiveValidation.WindowContents(
                Arrays.copyOf(scores, size), Arrays.copyOf(labels, size));
    }

    Summary summary(String group) {
        ProgressiveValidation.WindowContents c = contents();
        double[] s = c.scores();
        int[] l = c.labels();
        long positives = 0;
        for (int label : l) {
            positives += label;
        }
        return new Summary(
                group,
                size,
                positives,
                BinaryMetrics.auc(s, l),
                BinaryMetrics.averagePrecision(s, l),
                size == 0 ? Double.NaN : BinaryMetrics.logLoss(s, l));
    }
}
