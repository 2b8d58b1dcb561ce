package glocal.model.report;

import java.awt.Color;
import java.util.List;

/**
 * The fixed series colours, in order: series {@code i} of any chart is drawn in {@code color(i)},
 * so "baseline" and "mtl" keep their colours across the figures of one report.
 */
public final class Palette {

  /** Tableau 10, the matplotlib default cycle: distinguishable and readable when printed grey. */
  private static final List<Color> COLORS = List.of(
      new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
      new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
      new Color(0xBCBD22), new Color(0x17BECF));

  public static final Color BACKGROUND = Color.WHITE;
  public static final Color FOREGROUND = new Color(0x222222);
  public static final Color GRID = new Color(0xE5E5E5);

  private Palette() {}

  /** Colour of series {@code index}; the cycle repeats after ten series. */
  public static Color color(int index) {
    return COLORS.get(Math.floorMod(index, COLORS.size()));
  }
}
