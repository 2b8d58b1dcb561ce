package glocal.model.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;

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

    private final List<String> categories;
    private final List<Series> series;
    private final Optional<Range> fixedY;

    public BarChart(ChartLabels labels, List<String> categories) {
        this(labels, categories, List.of(), Optional.empty(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    private BarChart(
            ChartLabels labels,
            List<String> categories,
            List<Series> series,
            Optional<Range> fixedY,
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
                labels(), categories, series, Optional.of(new Range(min, max)), width(), height());
    }

    public BarChart size(int width, int height) {
        return new BarChart(labels(), categories, series, fixedY, width, height);
    }

    @Override
    protected Plot plot() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Series s : series) {
            double[] values = s.values();
            for (int c = 0; c < categories.size(); c++) {
                // A null value keeps the category's slot and draws no bar.
                data.addValue(
                        Double.isFinite(values[c]) ? Double.valueOf(values[c]) : null,
                        s.name(),
                        categories.get(c));
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, color(s));
        }
        NumberAxis y = new NumberAxis(labels().yLabel());
        fixedY.ifPresent(y::setRange);
        CategoryAxis x = new CategoryAxis(labels().xLabel());
        x.setCategoryMargin(0.2);
        x.setMaximumCategoryLabelLines(2);
        x.setMaximumCategoryLabelWidthRatio(1.4f);
        return new CategoryPlot(data, x, y, renderer);
    }
}
