package glocal.model.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line per series, joined in point order, e.g. PR curves per territory group (x recall, y
 * precision). Axes cover the data unless fixed with {@link #xRange}/{@link #yRange} (PR curves:
 * both {@code [0, 1]}). Immutable: each method returns a new chart.
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
    private final Optional<Axis> fixedX;
    private final Optional<Axis> fixedY;

    public LineChart(ChartLabels labels) {
        this(
                labels,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Histogram.DEFAULT_WIDTH,
                Histogram.DEFAULT_HEIGHT);
    }

    private LineChart(
            ChartLabels labels,
            List<XySeries> series,
            Optional<Axis> fixedX,
            Optional<Axis> fixedY,
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
                labels(), series, Optional.of(new Axis(min, max)), fixedY, width(), height());
    }

    public LineChart yRange(double min, double max) {
        return new LineChart(
                labels(), series, fixedX, Optional.of(new Axis(min, max)), width(), height());
    }

    public LineChart size(int width, int height) {
        return new LineChart(labels(), series, fixedX, fixedY, width, height);
    }

    @Override
    protected Axis xAxis() {
        return fixedX.orElseGet(() -> covering(true));
    }

    @Override
    protected Axis yAxis() {
        return fixedY.orElseGet(() -> covering(false));
    }

    private Axis covering(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XySeries s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new Axis(0, 1) : Axis.covering(lo, hi);
    }

    @Override
    protected List<String> legend() {
        return series.stream().map(XySeries::name).toList();
    }

    @Override
    protected void drawData(Graphics2D g, PlotArea area) {
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int s = 0; s < series.size(); s++) {
            double[] xs = series.get(s).x();
            double[] ys = series.get(s).y();
            Path2D.Double line = new Path2D.Double();
            boolean open = false;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                    open = false; // a gap where the value is undefined
                    continue;
                }
                if (open) {
                    line.lineTo(area.px(xs[i]), area.py(ys[i]));
                } else {
                    line.moveTo(area.px(xs[i]), area.py(ys[i]));
                    open = true;
                }
            }
            g.setColor(Palette.color(s));
            g.draw(line);
        }
    }
}
