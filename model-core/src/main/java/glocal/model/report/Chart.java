package glocal.model.report;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A chart drawn with Java2D into a PNG, headless: title, axes with ticks and labels, a legend, and
 * the data the subclass draws. The same inputs give the same image, pixel for pixel, on one machine
 * (fixed palette, fixed layout, no time or randomness); text rendering depends on the installed
 * fonts.
 */
public abstract class Chart {

    private static final int MARGIN_LEFT = 76;
    private static final int MARGIN_RIGHT = 24;
    private static final int MARGIN_TOP = 44;
    private static final int MARGIN_BOTTOM = 62;
    private static final int TICK_LENGTH = 5;
    private static final int SWATCH = 12;

    private final ChartLabels labels;
    private final int width;
    private final int height;

    protected Chart(ChartLabels labels, int width, int height) {
        if (width < MARGIN_LEFT + MARGIN_RIGHT + 50 || height < MARGIN_TOP + MARGIN_BOTTOM + 50) {
            throw new IllegalArgumentException(
                    "chart '"
                            + labels.title()
                            + "' is too small: "
                            + width
                            + "x"
                            + height
                            + " pixels; give at least "
                            + (MARGIN_LEFT + MARGIN_RIGHT + 50)
                            + "x"
                            + (MARGIN_TOP + MARGIN_BOTTOM + 50));
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

    /** The x range shown (for a bar chart: category slots {@code 0..n}). */
    protected abstract Axis xAxis();

    protected abstract Axis yAxis();

    /** Tick marks under the x axis; numeric charts use {@code axis.ticks()}. */
    protected List<Tick> xTicks(Axis axis) {
        return axis.ticks();
    }

    /** Series names in colour order. */
    protected abstract List<String> legend();

    /** Draws the data inside {@code area}; the clip is set to the plot area. */
    protected abstract void drawData(Graphics2D g, PlotArea area);

    /** Draws the chart into a new image. */
    public RenderedChart render() {
        // Drawing into a BufferedImage needs no display; headless mode keeps AWT from looking for
        // one.
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Palette.BACKGROUND);
            g.fillRect(0, 0, width, height);
            PlotArea area =
                    new PlotArea(
                            MARGIN_LEFT,
                            MARGIN_TOP,
                            width - MARGIN_LEFT - MARGIN_RIGHT,
                            height - MARGIN_TOP - MARGIN_BOTTOM,
                            xAxis(),
                            yAxis());
            drawGridAndTicks(g, area);
            Graphics2D data = (Graphics2D) g.create();
            try {
                data.clipRect(area.left(), area.top(), area.width() + 1, area.height() + 1);
                drawData(data, area);
            } finally {
                data.dispose();
            }
            drawFrameAndLabels(g, area);
            drawLegend(g, area);
            return new RenderedChart(image, area);
        } finally {
            g.dispose();
        }
    }

    /** Renders and writes the chart as a PNG file, creating parent folders. */
    public void writePng(Path file) {
        RenderedChart chart = render();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(chart.image(), "png", file.toFile())) {
                throw new IllegalStateException(
                        "no PNG writer in this JVM's ImageIO; cannot write " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write chart '" + labels.title() + "' to " + file, e);
        }
    }

    private void drawGridAndTicks(Graphics2D g, PlotArea area) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (Tick tick : area.y().ticks()) {
            double y = area.py(tick.value());
            g.setColor(Palette.GRID);
            g.draw(new Line2D.Double(area.left(), y, area.right(), y));
            g.setColor(Palette.FOREGROUND);
            g.draw(new Line2D.Double(area.left() - TICK_LENGTH, y, area.left(), y));
            g.drawString(
                    tick.label(),
                    area.left() - TICK_LENGTH - 3 - fm.stringWidth(tick.label()),
                    (float) (y + fm.getAscent() / 2.0 - 1));
        }
        for (Tick tick : xTicks(area.x())) {
            double x = area.px(tick.value());
            g.setColor(Palette.FOREGROUND);
            g.draw(new Line2D.Double(x, area.bottom(), x, area.bottom() + TICK_LENGTH));
            g.drawString(
                    tick.label(),
                    (float) (x - fm.stringWidth(tick.label()) / 2.0),
                    area.bottom() + TICK_LENGTH + 2 + fm.getAscent());
        }
    }

    private void drawFrameAndLabels(Graphics2D g, PlotArea area) {
        g.setColor(Palette.FOREGROUND);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(area.left(), area.top(), area.width(), area.height());

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        FontMetrics title = g.getFontMetrics();
        g.drawString(labels.title(), (width - title.stringWidth(labels.title())) / 2f, 26);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(
                labels.xLabel(),
                area.left() + (area.width() - fm.stringWidth(labels.xLabel())) / 2f,
                height - 14);
        AffineTransform saved = g.getTransform();
        g.translate(18, area.top() + (area.height() + fm.stringWidth(labels.yLabel())) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(labels.yLabel(), 0, 0);
        g.setTransform(saved);
    }

    private void drawLegend(Graphics2D g, PlotArea area) {
        List<String> names = legend();
        if (names.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int textWidth = names.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int rowHeight = Math.max(SWATCH, fm.getHeight()) + 3;
        int boxWidth = SWATCH + 6 + textWidth + 12;
        int boxHeight = rowHeight * names.size() + 8;
        int x = area.right() - boxWidth - 8;
        int y = area.top() + 8;
        g.setColor(Palette.BACKGROUND);
        g.fillRect(x, y, boxWidth, boxHeight);
        g.setColor(Palette.GRID.darker());
        g.drawRect(x, y, boxWidth, boxHeight);
        for (int i = 0; i < names.size(); i++) {
            int rowTop = y + 4 + i * rowHeight;
            g.setColor(Palette.color(i));
            g.fillRect(x + 6, rowTop + (rowHeight - SWATCH) / 2, SWATCH, SWATCH);
            g.setColor(Palette.FOREGROUND);
            g.drawString(
                    names.get(i),
                    x + 6 + SWATCH + 6,
                    rowTop + (rowHeight + fm.getAscent()) / 2 - 2);
        }
    }
}
