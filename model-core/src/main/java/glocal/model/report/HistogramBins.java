package glocal.model.report;

/**
 * Shared bins of a histogram overlay: {@code bins} equal bins from {@code lo} of width {@code
 * binWidth}, and per series the density of each bin (count / (n · binWidth)), so each series' bars
 * have area 1 whatever its size.
 */
public record HistogramBins(double lo, double binWidth, double[][] density) {

    /** A copy: the bins stay as they were drawn. */
    @Override
    public double[][] density() {
        double[][] copy = new double[density.length][];
        for (int s = 0; s < density.length; s++) {
            copy[s] = density[s].clone();
        }
        return copy;
    }

    public int binCount() {
        return density.length == 0 ? 0 : density[0].length;
    }

    public double hi() {
        return lo + binWidth * binCount();
    }

    /** Shared bins over every finite value of every series; non-finite values are left out. */
    static HistogramBins of(java.util.List<Series> series, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            // One distinct value: give it a unit-wide range so the bar has a width.
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        double[][] density = new double[series.size()][bins];
        for (int s = 0; s < series.size(); s++) {
            long n = 0;
            for (double v : series.get(s).values()) {
                if (Double.isFinite(v)) {
                    // The maximum falls in the last bin, not one past it.
                    int bin = Math.min(bins - 1, (int) ((v - lo) / width));
                    density[s][bin]++;
                    n++;
                }
            }
            for (int b = 0; b < bins && n > 0; b++) {
                density[s][b] /= n * width;
            }
        }
        return new HistogramBins(lo, width, density);
    }
}
