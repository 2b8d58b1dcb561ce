package glocal.model.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grouped bars: one slot per category (e.g. territory group), one bar per series in each slot (e.g.
 * baseline, mtl), bar height = the series' value for that category. A NaN value (metric undefined
 * for that category) leaves its bar out. The y axis starts at 0 (or below, for negative values)
 * unless fixed with {@link #yRange}. Immutable: each method returns a new chart.
 *
 * <pre>{@code
 * new BarChart(new ChartLabels("PR-AUC by territory group", "territory group", "PR-AUC"),
 *         List.of("g0", "g1", "g2", "g3"))
 *     .add("baseline", new double[] {0.31, 0.22, 0.18, 0.12})
 *     .add("mtl", new double[] {0.33, 0.27, 0.25, 0.19})
 *     .writePng(out.resolve("pr-auc-by-group.png"));
 * }</pre>
 */
public final class BarChart extends Chart {

    /** Share of a category slot the bars fill; the rest separates neighbouring groups. */
    private static final double GROUP_FILL = 0.8;

    private final List<String> categories;
    private final List<Series> series;
    private final Optional<Axis> fixedY;

    public BarChart(ChartLabels labels, List<String> categories) {
        this(
                labels,
                categories,
                List.of(),
                Optional.empty(),
                Histogram.DEFAULT_WIDTH,
                Histogram.DEFAULT_HEIGHT);
    }

    private BarChart(
            ChartLabels labels,
            List<String> categories,
            List<Series> series,
            Optional<Axis> fixedY,
            int width,
            int height) {
        super(labels, width, height);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException(
                    "bar chart '" + labels.title() + "' needs at least one category");
        }
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.fixedY = fixedY;
    }

    /** This chart with one more series: {@code values[i]} is its bar in category {@code i}. */
    public BarChart add(String name, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException(
                    "bar chart '"
                            + labels().title()
                            + "': series '"
                            + name
                            + "' has "
                            + values.length
                            + " values but there are "
                            + categories.size()
                            + " categories "
                            + categories);
        }
        List<Series> more = new ArrayList<>(series);
        more.add(new Series(name, values));
        return new BarChart(labels(), categories, more, fixedY, width(), height());
    }

    public BarChart yRange(double min, double max) {
        return new BarChart(
                labels(), categories, series, Optional.of(new Axis(min, max)), width(), height());
    }

    public BarChart size(int width, int height) {
        return new BarChart(labels(), categories, series, fixedY, width, height);
    }

    /** Category slot {@code i} spans x in {@code [i, i+1]}. */
    @Override
    protected Axis xAxis() {
        return new Axis(0, categories.size());
    }

    @Override
    protected List<Tick> xTicks(Axis axis) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            ticks.add(new Tick(i + 0.5, categories.get(i)));
        }
        return ticks;
    }

    @Override
    protected Axis yAxis() {
        if (fixedY.isPresent()) {
            return fixedY.get();
        }
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        // Headroom above the tallest bar for the legend box.
        return Axis.covering(lo, hi == 0 && lo == 0 ? 1 : hi * 1.2);
    }

    @Override
    protected List<String> legend() {
        return series.stream().map(Series::name).toList();
    }

    /**
     * The pixel x range {@code [from, to)} of the bar of series {@code s} in category {@code c}.
     */
    public double[] barSpan(PlotArea area, int category, int s) {
        double slot = area.px(category + 1) - area.px(category);
        double barWidth = slot * GROUP_FILL / Math.max(1, series.size());
        double from = area.px(category) + slot * (1 - GROUP_FILL) / 2 + s * barWidth;
        return new double[] {from, from + barWidth};
    }

    @Override
    protected void drawData(Graphics2D g, PlotArea area) {
        double zero = area.py(Math.max(area.y().min(), Math.min(area.y().max(), 0)));
        for (int s = 0; s < series.size(); s++) {
            double[] values = series.get(s).values();
            g.setColor(Palette.color(s));
            for (int c = 0; c < categories.size(); c++) {
                if (!Double.isFinite(values[c])) {
                    continue;
                }
                double[] span = barSpan(area, c, s);
                double top = area.py(values[c]);
                g.fill(
                        new Rectangle2D.Double(
                                span[0],
                                Math.min(top, zero),
                                span[1] - span[0],
                                Math.abs(zero - top)));
            }
        }
    }
}
