package glocal.model.metrics;

/**
 * AUC over the last {@code window} examples, for progressive validation (score each example before
 * training on it, then add it here). Scores are probabilities in [0, 1], binned into {@code bins}
 * equal-width bins; pairs in the same bin count one half, as ties do, so the result differs from
 * the exact AUC by at most the share of positive–negative pairs that share a bin (small with 1,000+
 * bins unless scores pile up). Adding is O(1), {@link #auc()} is O(bins), memory O(window + bins).
 */
public final class SlidingWindowAuc {

    private final int bins;
    private final int[] ringBin;
    private final boolean[] ringLabel;
    private final long[] positives;
    private final long[] negatives;
    private long totalPositives;
    private long totalNegatives;
    private int next;
    private int size;

    public SlidingWindowAuc(int window, int bins) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be >= 2, got " + bins);
        }
        this.bins = bins;
        ringBin = new int[window];
        ringLabel = new boolean[window];
        positives = new long[bins];
        negatives = new long[bins];
    }

    /** Adds one scored example, evicting the oldest once the window is full. */
    public void add(double probability, boolean positive) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability " + probability + " is outside [0, 1]");
        }
        if (size == ringBin.length) {
            int oldBin = ringBin[next];
            if (ringLabel[next]) {
                positives[oldBin]--;
                totalPositives--;
            } else {
                negatives[oldBin]--;
                totalNegatives--;
            }
        } else {
            size++;
        }
        int bin = Math.min(bins - 1, (int) (probability * bins));
        ringBin[next] = bin;
        ringLabel[next] = positive;
        if (positive) {
            positives[bin]++;
            totalPositives++;
        } else {
            negatives[bin]++;
            totalNegatives++;
        }
        next = (next + 1) % ringBin.length;
    }

    /** Examples currently in the window. */
    public int size() {
        return size;
    }

    /** AUC of the window; NaN while it holds only one class. */
    public double auc() {
        if (totalPositives == 0 || totalNegatives == 0) {
            return Double.NaN;
        }
        double wins = 0;
        long negativesBelow = 0;
        for (int b = 0; b < bins; b++) {
            wins += positives[b] * (negativesBelow + 0.5 * negatives[b]);
            negativesBelow += negatives[b];
        }
        return wins / ((double) totalPositives * totalNegatives);
    }
}
