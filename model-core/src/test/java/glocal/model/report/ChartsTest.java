package glocal.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    @TempDir Path dir;

    @Test
    void everyChartKindWritesAPngOfTheRequestedSize() throws IOException {
        Random random = new Random(7);
        double[] local = random.doubles(2_000).map(u -> 0.6 + 0.15 * gaussian(random)).toArray();
        double[] global = random.doubles(5_000).map(u -> 0.3 + 0.2 * gaussian(random)).toArray();
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
        new BarChart(
                        new ChartLabels("PR-AUC by group", "territory group", "PR-AUC"),
                        List.of("g0", "g1", "g2"))
                .add("baseline", new double[] {0.3, 0.2, 0.1})
                .add("mtl", new double[] {0.35, 0.28, 0.2})
                .size(900, 400)
                .writePng(dir.resolve("bars.png"));

        assertPng(dir.resolve("hist.png"), 800, 500);
        assertPng(dir.resolve("nested/pr.png"), 640, 480);
        assertPng(dir.resolve("bars.png"), 900, 400);
    }

    @Test
    void barRisesToItsValueInItsSeriesColourAndUndefinedValuesDrawNothing() {
        BarChart chart =
                new BarChart(new ChartLabels("PR-AUC", "group", "PR-AUC"), List.of("g0", "g1"))
                        .yRange(0, 1)
                        .add("baseline", new double[] {0.5, 0.8})
                        .add("mtl", new double[] {0.25, Double.NaN});
        RenderedChart rendered = chart.render();
        BufferedImage image = rendered.image();
        PlotArea area = rendered.area();

        int baselineColumn = middle(chart.barSpan(area, 0, 0));
        int topRow = topOfColour(image, baselineColumn, area, Palette.color(0).getRGB());
        assertThat((double) topRow).isCloseTo(area.py(0.5), within(1.0));
        assertThat(rgb(image, baselineColumn, (int) area.py(0.55)))
                .isEqualTo(Palette.BACKGROUND.getRGB());

        int mtlColumn = middle(chart.barSpan(area, 0, 1));
        assertThat((double) topOfColour(image, mtlColumn, area, Palette.color(1).getRGB()))
                .isCloseTo(area.py(0.25), within(1.0));

        int missingColumn = middle(chart.barSpan(area, 1, 1));
        assertThat(rgb(image, missingColumn, (int) area.py(0.1)))
                .isEqualTo(Palette.BACKGROUND.getRGB());
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
                        .add("small", new double[] {0, 1, 1, 2})
                        .add("large", new double[] {2, 2, 2, 2, 2, 2, 3, 4});
        HistogramBins bins = chart.histogramBins();

        assertThat(bins.lo()).isEqualTo(0);
        assertThat(bins.binWidth()).isEqualTo(1);
        // The maximum (4) falls in the last bin [3, 4].
        assertThat(bins.density()[0]).containsExactly(0.25, 0.5, 0.25, 0);
        assertThat(bins.density()[1]).containsExactly(0, 0, 0.75, 0.25);
        for (double[] density : bins.density()) {
            assertThat(Arrays.stream(density).sum() * bins.binWidth()).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void axisTicksAreNiceStepsCoveringTheData() {
        Axis axis = Axis.covering(0, 0.87);

        assertThat(axis).isEqualTo(new Axis(0, 1.0));
        assertThat(axis.ticks())
                .extracting(Tick::label)
                .containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertThat(Axis.covering(-3, 1_240).ticks())
                .extracting(Tick::label)
                .containsExactly("-500", "0", "500", "1000", "1500");
        assertThat(new Axis(0, 0.4).ticks())
                .extracting(Tick::label)
                .containsExactly("0.0", "0.1", "0.2", "0.3", "0.4");
        assertThat(new Axis(0, 1.25).ticks())
                .extracting(Tick::label)
                .containsExactly("0.00", "0.25", "0.50", "0.75", "1.00", "1.25");
    }

    private static void assertPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    /**
     * Scans up from just above the x axis while the pixel has {@code colour}; returns the last such
     * row.
     */
    private static int topOfColour(BufferedImage image, int column, PlotArea area, int colour) {
        int row = area.bottom() - 2;
        assertThat(rgb(image, column, row)).as("bar colour at its foot").isEqualTo(colour);
        while (row > area.top() && rgb(image, column, row - 1) == colour) {
            row--;
        }
        return row;
    }

    private static int middle(double[] span) {
        return (int) Math.round((span[0] + span[1]) / 2);
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) | 0xFF000000;
    }

    private static double gaussian(Random random) {
        return random.nextGaussian();
    }
}
