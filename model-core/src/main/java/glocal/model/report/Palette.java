package glocal.model.report;

import java.awt.Color;
import java.util.List;

/**
 * The fixed series colours, in order: series {@code i} of any chart is drawn in {@code color(i)},
 * so "baseline" and "mtl" keep their colours across the figures of one report.
 */
public final class Palette {

    /**
     * Tableau 10, the matplotlib default cycle (distinguishable and readable when printed grey),
     * then the lighter partners of Tableau 20, so a report with the reference recommenders and the
     * models (a dozen series) gives each its own colour.
     */
    private static final List<Color> COLORS =
            List.of(
                    new Color(0x1F77B4),
                    new Color(0xFF7F0E),
                    new Color(0x2CA02C),
                    new Color(0xD62728),
                    new Color(0x9467BD),
                    new Color(0x8C564B),
                    new Color(0xE377C2),
                    new Color(0x7F7F7F),
                    new Color(0xBCBD22),
                    new Color(0x17BECF),
                    new Color(0xAEC7E8),
                    new Color(0xFFBB78),
                    new Color(0x98DF8A),
                    new Color(0xFF9896),
                    new Color(0xC5B0D5),
                    new Color(0xC49C94),
                    new Color(0xF7B6D2),
                    new Color(0xC7C7C7),
                    new Color(0xDBDB8D),
                    new Color(0x9EDAE5));

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color FOREGROUND = new Color(0x222222);
    public static final Color GRID = new Color(0xE5E5E5);

    private Palette() {}

    /** Colour of series {@code index}; the cycle repeats after twenty series. */
    public static Color color(int index) {
        return COLORS.get(Math.floorMod(index, COLORS.size()));
    }
}
