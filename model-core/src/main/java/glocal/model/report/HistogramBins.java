package glocal.model.report;

/**
 * Shared bins of a histogram overlay: {@code binCount} equal bins from {@code lo} of width {@code
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
}
