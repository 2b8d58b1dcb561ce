package glocal.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Overlaid histograms of two or more samples on shared bins, as densities so samples of different
 * sizes compare (e.g. model scores of local vs global titles). Each series is a translucent fill
 * with a solid outline, in {@link Palette} order. Immutable: {@link #add} returns a new chart.
 *
 * <pre>{@code
 * new Histogram(new ChartLabels("Scores, group 2", "score", "density"), 40)
 *     .add("local titles", localScores)
 *     .add("global titles", globalScores)
 *     .writePng(out.resolve("scores-group-2.png"));
 * }</pre>
 */
public final class Histogram extends Chart {

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    /** Fill alpha: two overlapping fills stay readable. */
    private static final int FILL_ALPHA = 80;

    private final int bins;
    private final List<Series> series;
    private final HistogramBins histogramBins;

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
        this.histogramBins = HistogramBins.of(this.series, bins);
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

    /** The shared bins and each series' densities, as drawn. */
    public HistogramBins histogramBins() {
        return histogramBins;
    }

    @Override
    protected Axis xAxis() {
        return Axis.covering(histogramBins.lo(), histogramBins.hi());
    }

    @Override
    protected Axis yAxis() {
        double max = 0;
        for (double[] density : histogramBins.density()) {
            for (double d : density) {
                max = Math.max(max, d);
            }
        }
        return Axis.covering(0, max > 0 ? max * 1.05 : 1);
    }

    @Override
    protected List<String> legend() {
        return series.stream().map(Series::name).toList();
    }

    @Override
    protected void drawData(Graphics2D g, PlotArea area) {
        HistogramBins b = histogramBins;
        for (int s = 0; s < series.size(); s++) {
            Color color = Palette.color(s);
            double[] density = b.density()[s];
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), FILL_ALPHA));
            Path2D.Double outline = new Path2D.Double();
            outline.moveTo(area.px(b.lo()), area.py(0));
            for (int i = 0; i < density.length; i++) {
                double x0 = area.px(b.lo() + i * b.binWidth());
                double x1 = area.px(b.lo() + (i + 1) * b.binWidth());
                double y = area.py(density[i]);
                g.fill(new Rectangle2D.Double(x0, y, x1 - x0, area.py(0) - y));
                outline.lineTo(x0, y);
                outline.lineTo(x1, y);
            }
            outline.lineTo(area.px(b.hi()), area.py(0));
            g.setColor(color);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(outline);
        }
    }
}
