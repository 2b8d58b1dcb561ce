package glocal.model.synthetic;

import java.util.SplittableRandom;

/**
 * Walker/Vose alias table: draws index {@code i} with probability {@code w[i] / sum(w)} in O(1)
 * (one uniform index, one uniform double), after O(n) construction.
 */
public final class AliasTable {

    private final double[] probability;
    private final int[] alias;

    /** Builds the table; weights must be finite, non-negative and not all zero. */
    public AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("alias table needs at least one weight");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "weight " + i + " must be finite and >= 0, got " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(
                    "alias table weights sum to 0: nothing can be drawn");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallSize = 0;
        int largeSize = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) {
                small[smallSize++] = i;
            } else {
                large[largeSize++] = i;
            }
        }
        while (smallSize > 0 && largeSize > 0) {
            int s = small[--smallSize];
            int l = large[--largeSize];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                small[smallSize++] = l;
            } else {
                large[largeSize++] = l;
            }
        }
        // Leftovers are 1 up to rounding error.
        while (largeSize > 0) {
            int l = large[--largeSize];
            probability[l] = 1.0;
            alias[l] = l;
        }
        while (smallSize > 0) {
            int s = small[--smallSize];
            probability[s] = 1.0;
            alias[s] = s;
        }
    }

    /** Number of outcomes. */
    public int size() {
        return probability.length;
    }

    /** Draws one index. */
    public int sample(SplittableRandom rng) {
        int i = rng.nextInt(probability.length);
        return rng.nextDouble() < probability[i] ? i : alias[i];
    }
}
