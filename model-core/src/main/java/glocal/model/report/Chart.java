package glocal.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A chart rendered by JFreeChart into a PNG, headless: title, axes, a legend and the data of the
 * subclass's plot. Series {@code i} of any chart has colour {@link #color(i)}, so "baseline" and
 * "mtl" keep their colours across the figures of one report. The same inputs give the same image on
 * one machine (no time or randomness); text rendering depends on the installed fonts.
 */
public abstract class Chart {

    /** Default image size in pixels. */
    public static final int DEFAULT_WIDTH = 800;

    public static final int DEFAULT_HEIGHT = 500;

    private static final int MIN_SIZE = 150;

    /**
     * Tableau 10 (the matplotlib default cycle, readable when printed grey), then the lighter
     * partners of Tableau 20, so a report with the references and the models (a dozen series) gives
     * each its own colour.
     */
    private static final int[] COLORS = {
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22,
        0x17BECF, 0xAEC7E8, 0xFFBB78, 0x98DF8A, 0xFF9896, 0xC5B0D5, 0xC49C94, 0xF7B6D2, 0xC7C7C7,
        0xDBDB8D, 0x9EDAE5
    };

    private static final Color GRID = new Color(0xDDDDDD);

    private final ChartLabels labels;
    private final int width;
    private final int height;

    protected Chart(ChartLabels labels, int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException(
                    "chart '"
                            + labels.title()
                            + "' is too small: "
                            + width
                            + "x"
                            + height
                            + " pixels; give at least "
                            + MIN_SIZE
                            + "x"
                            + MIN_SIZE);
        }
        this.labels = labels;
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public ChartLabels labels() {
        return labels;
    }

    /** Colour of series {@code index}; the cycle repeats after twenty series. */
    public static Color color(int index) {
        return new Color(COLORS[Math.floorMod(index, COLORS.length)]);
    }

    /** The plot of this chart: dataset, axes (with their captions) and renderer. */
    protected abstract Plot plot();

    /** The JFreeChart this chart renders: a fresh one per call, for drawing or inspection. */
    public JFreeChart toJFreeChart() {
        Plot plot = plot();
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
        }
        plot.setOutlineStroke(new BasicStroke(1f));
        JFreeChart chart =
                new JFreeChart(labels.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last tick label of the x axis.
        chart.setPadding(new RectangleInsets(4, 8, 4, 16));
        chart.getLegend().setFrame(BlockBorder.NONE);
        return chart;
    }

    /** Draws the chart into a new image of {@link #width} × {@link #height} pixels. */
    public BufferedImage render() {
        // Drawing into a BufferedImage needs no display; headless mode keeps AWT from looking for
        // one.
        System.setProperty("java.awt.headless", "true");
        return toJFreeChart().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    /** Renders and writes the chart as a PNG file, creating parent folders. */
    public void writePng(Path file) {
        BufferedImage image = render();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException(
                        "no PNG writer in this JVM's ImageIO; cannot write " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write chart '" + labels.title() + "' to " + file, e);
        }
    }
}
