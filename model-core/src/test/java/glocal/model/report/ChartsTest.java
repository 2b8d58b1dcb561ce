package glocal.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    @TempDir Path dir;

    @Test
    void everyChartKindWritesAPngOfTheRequestedSizeWithSomethingDrawnOnIt() throws IOException {
        Random random = new Random(7);
        double[] local =
                random.doubles(2_000).map(u -> 0.6 + 0.15 * random.nextGaussian()).toArray();
        double[] global =
                random.doubles(5_000).map(u -> 0.3 + 0.2 * random.nextGaussian()).toArray();
        PrCurve curve = PrCurve.of(new double[] {0.9, 0.7, 0.4, 0.2}, new int[] {1, 0, 1, 0});

        new Histogram(new ChartLabels("Scores", "score", "density"), 30)
                .add("local titles", local)
                .add("global titles", global)
                .writePng(dir.resolve("hist.png"));
        new LineChart(new ChartLabels("PR curves", "recall", "precision"))
                .xRange(0, 1)
                .yRange(0, 1)
                .size(640, 480)
                .add("group 0", curve.recalls(), curve.precisions())
                .writePng(dir.resolve("nested/pr.png"));
        bars().size(900, 400).writePng(dir.resolve("bars.png"));

        assertPng(dir.resolve("hist.png"), 800, 500);
        assertPng(dir.resolve("nested/pr.png"), 640, 480);
        assertPng(dir.resolve("bars.png"), 900, 400);
    }

    @Test
    void chartsRenderInHeadlessMode() {
        bars().render();

        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void barSeriesCategoriesAndValuesReachTheDatasetAndUndefinedValuesAreNoBar() {
        JFreeChart chart = bars().yRange(0, 1).toJFreeChart();
        CategoryPlot plot = chart.getCategoryPlot();
        CategoryDataset data = plot.getDataset();

        assertThat(chart.getTitle().getText()).isEqualTo("PR-AUC by group");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("territory group");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("PR-AUC");
        assertThat(plot.getRangeAxis().getRange().getUpperBound()).isEqualTo(1.0);
        assertThat(keys(data.getRowCount(), data::getRowKey)).containsExactly("baseline", "mtl");
        assertThat(keys(data.getColumnCount(), data::getColumnKey))
                .containsExactly("g0", "g1", "g2");
        assertThat(data.getValue("mtl", "g1").doubleValue()).isEqualTo(0.28);
        assertThat(data.getValue("baseline", "g2")).isNull();
        assertThat(legend(plot.getLegendItems())).containsExactly("baseline", "mtl");
        assertThat(plot.getLegendItems().get(1).getFillPaint()).isEqualTo(Chart.color(1));
    }

    @Test
    void lineSeriesKeepTheirPointOrderAndUndefinedPointsAreGaps() {
        LineChart line =
                new LineChart(new ChartLabels("NDCG", "user group", "NDCG@20"))
                        .add(
                                "baseline",
                                new double[] {0, 1, 2},
                                new double[] {0.1, Double.NaN, 0.3})
                        .add("mtl", new double[] {1, 0.5, 0.5}, new double[] {0.2, 0.4, 0.6});
        XYPlot plot = line.toJFreeChart().getXYPlot();
        XYDataset data = plot.getDataset();

        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat((Object) data.getSeriesKey(1)).isEqualTo("mtl");
        assertThat(data.getXValue(1, 0)).isEqualTo(1.0);
        assertThat(data.getXValue(1, 2)).isEqualTo(0.5);
        assertThat(data.getYValue(1, 2)).isEqualTo(0.6);
        assertThat(data.getYValue(0, 1)).isNaN();
        assertThat(legend(plot.getLegendItems())).containsExactly("baseline", "mtl");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("user group");
    }

    @Test
    void sameInputsGiveTheSamePngBytes() throws IOException {
        double[] values = new Random(3).doubles(500).toArray();
        Histogram chart = new Histogram(new ChartLabels("h", "x", "density"), 20).add("a", values);
        chart.writePng(dir.resolve("one.png"));
        chart.writePng(dir.resolve("two.png"));

        assertThat(Files.readAllBytes(dir.resolve("one.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("two.png")));
    }

    @Test
    void histogramSeriesShareBinsAndEachIntegratesToOne() {
        Histogram chart =
                new Histogram(new ChartLabels("h", "x", "density"), 4)
                        .add("small", new double[] {0, 1, 1, 2, Double.NaN})
                        .add("large", new double[] {2, 2, 2, 2, 2, 2, 3, 4});
        HistogramBins bins = chart.histogramBins();

        assertThat(bins.lo()).isEqualTo(0);
        assertThat(bins.binWidth()).isEqualTo(1);
        assertThat(bins.hi()).isEqualTo(4);
        // The maximum (4) falls in the last bin [3, 4]; NaN is left out.
        assertThat(bins.density()[0]).containsExactly(0.25, 0.5, 0.25, 0);
        assertThat(bins.density()[1]).containsExactly(0, 0, 0.75, 0.25);
        for (double[] density : bins.density()) {
            assertThat(Arrays.stream(density).sum() * bins.binWidth()).isCloseTo(1, within(1e-12));
        }
        XYPlot plot = chart.toJFreeChart().getXYPlot();
        assertThat(legend(plot.getLegendItems())).containsExactly("small", "large");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("density");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> bars().add("ease", new double[] {0.1}))
                .hasMessageContaining("series 'ease' has 1 values but there are 3 categories");
        assertThatThrownBy(() -> bars().size(100, 400)).hasMessageContaining("too small");
        assertThatThrownBy(() -> new Histogram(new ChartLabels("h", "x", "y"), 0))
                .hasMessageContaining("bins must be at least 1");
    }

    private static BarChart bars() {
        return new BarChart(
                        new ChartLabels("PR-AUC by group", "territory group", "PR-AUC"),
                        List.of("g0", "g1", "g2"))
                .add("baseline", new double[] {0.3, 0.2, Double.NaN})
                .add("mtl", new double[] {0.35, 0.28, 0.2});
    }

    private static List<Object> keys(int count, IntFunction<Object> key) {
        return IntStream.range(0, count).mapToObj(key).toList();
    }

    private static List<String> legend(LegendItemCollection items) {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem item = items.get(i);
            labels.add(item.getLabel());
        }
        return labels;
    }

    /** A PNG of the size asked for, with more than background on it (axes, text, data). */
    private static void assertPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        int background = image.getRGB(0, 0);
        long drawn = 0;
        long coloured = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                if (rgb != background) {
                    drawn++;
                }
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    coloured++; // a series colour, not grey text or grid
                }
            }
        }
        assertThat(drawn)
                .as("pixels other than the background")
                .isGreaterThan((long) width * height / 100);
        assertThat(coloured).as("pixels in a series colour").isGreaterThan(100L);
    }
}
