package glocal.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;

/**
 * Overlaid histograms of two or more samples on shared bins, as densities (count / (n · bin width),
 * so each series' bars have area 1) so samples of different sizes compare (e.g. model scores of
 * local vs global titles). Non-finite values are left out. Each series is a translucent fill with a
 * solid outline, in {@link Chart#color} order. Immutable: {@link #add} returns a new chart.
 *
 * <pre>{@code
 * new Histogram(new ChartLabels("Scores, group 2", "score", "density"), 40)
 *     .add("local titles", localScores)
 *     .add("global titles", globalScores)
 *     .writePng(out.resolve("scores-group-2.png"));
 * }</pre>
 */
public final class Histogram extends Chart {

    /** Fill alpha: two overlapping fills stay readable. */
    private static final int FILL_ALPHA = 80;

    private final int bins;
    private final List<Series> series;

    public Histogram(ChartLabels labels, int bins) {
        this(labels, bins, List.of(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    private Histogram(ChartLabels labels, int bins, List<Series> series, int width, int height) {
        super(labels, width, height);
        if (bins < 1) {
            throw new IllegalArgumentException(
                    "histogram '" + labels.title() + "': bins must be at least 1, got " + bins);
        }
        this.bins = bins;
        this.series = List.copyOf(series);
    }

    /** This chart with one more sample. */
    public Histogram add(String name, double[] values) {
        List<Series> more = new ArrayList<>(series);
        more.add(new Series(name, values));
        return new Histogram(labels(), bins, more, width(), height());
    }

    /** This chart at another image size in pixels. */
    public Histogram size(int width, int height) {
        return new Histogram(labels(), bins, series, width, height);
    }

    /** The shared bins and each series' densities, as JFreeChart draws them. */
    public HistogramBins histogramBins() {
        HistogramDataset data = dataset();
        double[][] density = new double[series.size()][bins];
        for (int s = 0; s < series.size(); s++) {
            for (int b = 0; b < bins; b++) {
                double d = data.getYValue(s, b);
                density[s][b] = Double.isNaN(d) ? 0 : d; // NaN: a series without finite values
            }
        }
        double[] range = range();
        return new HistogramBins(range[0], (range[1] - range[0]) / bins, density);
    }

    @Override
    protected Plot plot() {
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        for (int s = 0; s < series.size(); s++) {
            Color c = color(s);
            renderer.setSeriesPaint(
                    s, new Color(c.getRed(), c.getGreen(), c.getBlue(), FILL_ALPHA));
            renderer.setSeriesOutlinePaint(s, c);
            renderer.setSeriesOutlineStroke(s, new BasicStroke(1f));
        }
        NumberAxis x = new NumberAxis(labels().xLabel());
        x.setAutoRangeIncludesZero(false);
        return new XYPlot(dataset(), x, new NumberAxis(labels().yLabel()), renderer);
    }

    private HistogramDataset dataset() {
        double[] range = range();
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.SCALE_AREA_TO_1);
        for (Series s : series) {
            double[] finite = Arrays.stream(s.values()).filter(Double::isFinite).toArray();
            data.addSeries(s.name(), finite, bins, range[0], range[1]);
        }
        return data;
    }

    /** {@code [lo, hi]} over every finite value of every series; one value gets a unit range. */
    private double[] range() {
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
            return new double[] {0, 1};
        }
        return lo == hi ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo, hi};
    }
}
