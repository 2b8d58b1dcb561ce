package glocal.model.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One line per series, joined in point order, e.g. PR curves per territory group (x recall, y
 * precision); a non-finite point leaves a gap. Axes cover the data unless fixed with {@link
 * #xRange}/{@link #yRange} (PR curves: both {@code [0, 1]}). Immutable: each method returns a new
 * chart.
 *
 * <pre>{@code
 * PrCurve curve = PrCurve.of(scores, labels);
 * new LineChart(new ChartLabels("PR curves", "recall", "precision"))
 *     .xRange(0, 1).yRange(0, 1)
 *     .add("group 0", curve.recalls(), curve.precisions())
 *     .writePng(out.resolve("pr.png"));
 * }</pre>
 */
public final class LineChart extends Chart {

    private final List<XySeries> series;
    private final Optional<Range> fixedX;
    private final Optional<Range> fixedY;

    public LineChart(ChartLabels labels) {
        this(labels, List.of(), Optional.empty(), Optional.empty(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    private LineChart(
            ChartLabels labels,
            List<XySeries> series,
            Optional<Range> fixedX,
            Optional<Range> fixedY,
            int width,
            int height) {
        super(labels, width, height);
        this.series = List.copyOf(series);
        this.fixedX = fixedX;
        this.fixedY = fixedY;
    }

    public LineChart add(String name, double[] x, double[] y) {
        List<XySeries> more = new ArrayList<>(series);
        more.add(new XySeries(name, x, y));
        return new LineChart(labels(), more, fixedX, fixedY, width(), height());
    }

    public LineChart xRange(double min, double max) {
        return new LineChart(
                labels(), series, Optional.of(new Range(min, max)), fixedY, width(), height());
    }

    public LineChart yRange(double min, double max) {
        return new LineChart(
                labels(), series, fixedX, Optional.of(new Range(min, max)), width(), height());
    }

    public LineChart size(int width, int height) {
        return new LineChart(labels(), series, fixedX, fixedY, width, height);
    }

    @Override
    protected Plot plot() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XySeries s : series) {
            // Points stay in the given order (a PR curve goes back in recall), duplicates allowed.
            XYSeries line = new XYSeries(s.name(), false, true);
            double[] xs = s.x();
            double[] ys = s.y();
            for (int i = 0; i < xs.length; i++) {
                boolean defined = Double.isFinite(xs[i]) && Double.isFinite(ys[i]);
                line.add(defined ? xs[i] : Double.NaN, defined ? ys[i] : Double.NaN);
            }
            data.addSeries(line);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, color(s));
            renderer.setSeriesStroke(
                    s, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        NumberAxis x = new NumberAxis(labels().xLabel());
        x.setAutoRangeIncludesZero(false);
        fixedX.ifPresent(x::setRange);
        NumberAxis y = new NumberAxis(labels().yLabel());
        fixedY.ifPresent(y::setRange);
        return new XYPlot(data, x, y, renderer);
    }
}
